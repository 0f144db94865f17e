package io.harbormaster.core.operation;

import com.google.common.collect.ImmutableMap;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long each phase may take, measured from that phase's own start so that no phase's slowness
 * eats another's budget. Snapshot and VolumeRestore count from their last progress instead: a large
 * volume that keeps moving is never cut off.
 */
public final class PhaseTimeouts {
  private static final Map<Phase, Duration> DEFAULTS =
      ImmutableMap.<Phase, Duration>builder()
          // Pending and DryRun read git and the cluster; this bounds retries of a failing read.
          .put(Phase.PENDING, Duration.ofMinutes(2))
          .put(Phase.DRY_RUN, Duration.ofMinutes(2))
          .put(Phase.SUSPEND, Duration.ofMinutes(2))
          .put(Phase.SCALE_DOWN, Duration.ofMinutes(5))
          .put(Phase.SNAPSHOT, Duration.ofMinutes(30))
          .put(Phase.VOLUME_RESTORE, Duration.ofMinutes(30))
          .put(Phase.GIT_COMMIT, Duration.ofMinutes(2))
          .put(Phase.GIT_REVERT, Duration.ofMinutes(2))
          .put(Phase.RECONCILE, Duration.ofMinutes(10))
          .put(Phase.HEALTH_CHECK, Duration.ofMinutes(5))
          .build();

  private final Map<Phase, Duration> limits;

  private PhaseTimeouts(Map<Phase, Duration> limits) {
    this.limits = limits;
  }

  public static PhaseTimeouts defaults() {
    return new PhaseTimeouts(DEFAULTS);
  }

  /** The defaults with the app's own health-check timeout. */
  public static PhaseTimeouts withHealthCheck(Duration healthCheck) {
    return defaults().with(Phase.HEALTH_CHECK, healthCheck);
  }

  public PhaseTimeouts with(Phase phase, Duration limit) {
    if (phase.terminal() || limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException(
          "a timeout of " + limit + " for phase " + phase + " makes no sense");
    }
    Map<Phase, Duration> copy = new EnumMap<>(limits);
    copy.put(phase, limit);
    return new PhaseTimeouts(copy);
  }

  public Duration limit(Phase phase) {
    Duration limit = limits.get(phase);
    if (limit == null) {
      throw new IllegalArgumentException("phase " + phase + " has no timeout: it is terminal");
    }
    return limit;
  }
}
