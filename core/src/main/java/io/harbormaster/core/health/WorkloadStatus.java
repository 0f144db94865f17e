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
   * Its controller has acted on the current spec and every pod runs it ({@code status.observedGeneration}
   * and {@code updatedReplicas}, as {@code kubectl rollout status} reads them): until then the ready
   * count may still be the previous version's.
   */
  @Value.Default
  public boolean rolledOut() {
    return true;
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
