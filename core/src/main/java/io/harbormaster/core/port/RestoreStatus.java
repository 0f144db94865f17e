package io.harbormaster.core.port;

import org.immutables.value.Value;

/**
 * Where a volume restore stands. {@code done} once the PVC exists with the snapshot as its data
 * source and is Bound, or Pending on a WaitForFirstConsumer class (it binds when a pod comes).
 */
@Value.Immutable
public abstract class RestoreStatus {
  @Value.Parameter
  public abstract boolean done();

  /** What it waits for, e.g. "old PVC db/data-0 is still terminating". */
  @Value.Parameter
  public abstract String detail();

  public static RestoreStatus done(String detail) {
    return ImmutableRestoreStatus.of(true, detail);
  }

  public static RestoreStatus waiting(String detail) {
    return ImmutableRestoreStatus.of(false, detail);
  }
}
