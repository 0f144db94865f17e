package io.harbormaster.core.sizing;

import io.harbormaster.core.model.ObjectRef;
import java.time.Instant;

/** PVCs as an adapter reads them, for the tests of the sizing rules and of their engine. */
public final class MeasuredVolumes {
  private MeasuredVolumes() {}

  /**
   * A bound, mounted, expandable PVC {@code db/<name>} of {@code capacity} with {@code used} bytes
   * measured at {@code at}, on a filesystem 3 % smaller than the PVC.
   */
  public static VolumeFacts measured(String name, long capacity, long used, Instant at) {
    return VolumeFacts.builder()
        .pvc(ObjectRef.of("db", name))
        .uid("uid-" + name)
        .capacityBytes(capacity)
        .requestedBytes(capacity)
        .phase("Bound")
        .mounted(true)
        .expansionAllowed(true)
        .usage(
            VolumeUsage.builder()
                .usedBytes(used)
                .filesystemBytes(capacity * 97 / 100)
                .measuredAt(at)
                .build())
        .build();
  }
}
