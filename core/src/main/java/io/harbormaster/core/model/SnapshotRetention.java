package io.harbormaster.core.model;

import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How many of an app's snapshots to keep: the newest {@code maxCount}, none older than {@code
 * maxAge}.
 */
@Value.Immutable
public abstract class SnapshotRetention {
  @Value.Default
  public int maxCount() {
    return 5;
  }

  public abstract Optional<Duration> maxAge();

  public static ImmutableSnapshotRetention.Builder builder() {
    return ImmutableSnapshotRetention.builder();
  }

  @Value.Check
  protected void check() {
    InvalidSpecException.require(
        maxCount() >= 1, "spec.snapshots.retention.maxCount", maxCount() + " must be at least 1");
    InvalidSpecException.require(
        maxAge().map(age -> !age.isNegative() && !age.isZero()).orElse(true),
        "spec.snapshots.retention.maxAge",
        "must be a positive duration");
  }
}
