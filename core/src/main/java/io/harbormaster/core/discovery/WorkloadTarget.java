package io.harbormaster.core.discovery;

import io.harbormaster.core.model.WorkloadRef;
import org.immutables.value.Value;

/** A workload an operation must stop, and why (shown by {@code hm discover}). */
@Value.Immutable
public abstract class WorkloadTarget {
  @Value.Parameter
  public abstract WorkloadRef ref();

  @Value.Parameter
  public abstract String reason();

  public static WorkloadTarget of(WorkloadRef ref, String reason) {
    return ImmutableWorkloadTarget.of(ref, reason);
  }
}
