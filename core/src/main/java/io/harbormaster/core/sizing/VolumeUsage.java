package io.harbormaster.core.sizing;

import java.time.Instant;
import org.immutables.value.Value;

/** What the kubelet reported of a mounted volume: bytes used, and its filesystem's size. */
@Value.Immutable
public abstract class VolumeUsage {
  public abstract long usedBytes();

  /** The filesystem's size: never the base of a growth, only the sign that one has shown. */
  public abstract long filesystemBytes();

  public abstract Instant measuredAt();

  public static ImmutableVolumeUsage.Builder builder() {
    return ImmutableVolumeUsage.builder();
  }
}
