package io.harbormaster.core.health;

import io.harbormaster.core.model.WorkloadRef;
import org.immutables.value.Value;

/** A workload's live replica counts. */
@Value.Immutable
public abstract class WorkloadStatus {
  public abstract WorkloadRef ref();

  /** {@code spec.replicas}. */
  public abstract int desiredReplicas();

  /** {@code status.readyReplicas}. */
  public abstract int readyReplicas();

  /** Pods that exist for it, ready or not ({@code status.replicas}). */
  @Value.Default
  public int currentReplicas() {
    return readyReplicas();
  }

  /**
   * Its controller has acted on the current spec and every pod runs it ({@code
   * status.observedGeneration} and {@code updatedReplicas}, as {@code kubectl rollout status} reads
   * them): until then the ready count may still be the previous version's.
   */
  @Value.Default
  public boolean rolledOut() {
    return true;
  }

  /**
   * Rolled out as {@code kubectl rollout status} judges it: the controller observed the current
   * generation, as many pods run the current spec as are wanted, and none of an older one is left.
   *
   * @param observedGeneration null while the controller has written no status
   */
  public static boolean rolledOut(
      long generation, Long observedGeneration, int desired, int current, int updated) {
    return observedGeneration != null
        && observedGeneration >= generation
        && updated >= desired
        && current <= updated;
  }

  public static ImmutableWorkloadStatus.Builder builder() {
    return ImmutableWorkloadStatus.builder();
  }

  public static WorkloadStatus of(WorkloadRef ref, int desired, int ready) {
    return builder().ref(ref).desiredReplicas(desired).readyReplicas(ready).build();
  }

  public boolean ready() {
    return desiredReplicas() == 0 || rolledOut() && readyReplicas() >= desiredReplicas();
  }
}
