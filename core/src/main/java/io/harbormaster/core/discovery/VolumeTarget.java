package io.harbormaster.core.discovery;

import io.harbormaster.core.model.ObjectRef;
import org.immutables.value.Value;

/** A PVC an operation protects (snapshots before, restores on rollback), and why. */
@Value.Immutable
public abstract class VolumeTarget {
  @Value.Parameter
  public abstract ObjectRef pvc();

  @Value.Parameter
  public abstract String reason();

  public static VolumeTarget of(ObjectRef pvc, String reason) {
    return ImmutableVolumeTarget.of(pvc, reason);
  }
}
