package io.harbormaster.core.port;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A VolumeSnapshot as observed. An {@code error} is not final: the snapshot controller retries and
 * clears it, so only the phase's no-progress timeout ends the wait.
 */
@Value.Immutable
public abstract class SnapshotStatus {
  public abstract boolean exists();

  @Value.Default
  public boolean readyToUse() {
    return false;
  }

  public abstract Optional<String> error();

  public static SnapshotStatus missing() {
    return ImmutableSnapshotStatus.builder().exists(false).build();
  }

  public static SnapshotStatus pending() {
    return ImmutableSnapshotStatus.builder().exists(true).build();
  }

  public static SnapshotStatus ready() {
    return ImmutableSnapshotStatus.builder().exists(true).readyToUse(true).build();
  }

  public static SnapshotStatus failing(String error) {
    return ImmutableSnapshotStatus.builder().exists(true).error(error).build();
  }
}
