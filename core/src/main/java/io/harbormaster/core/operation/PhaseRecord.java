package io.harbormaster.core.operation;

import java.time.Duration;
import java.time.Instant;
import org.immutables.value.Value;

/** One finished phase of an operation, for the timeline people read. */
@Value.Immutable
public abstract class PhaseRecord {
  public abstract Phase phase();

  public abstract Instant startedAt();

  public abstract Instant endedAt();

  /** What the phase did, e.g. "stopped StatefulSet db/pg (1 replica)". */
  public abstract String summary();

  public static PhaseRecord of(Phase phase, Instant startedAt, Instant endedAt, String summary) {
    return ImmutablePhaseRecord.builder()
        .phase(phase)
        .startedAt(startedAt)
        .endedAt(endedAt)
        .summary(summary)
        .build();
  }

  public Duration duration() {
    return Duration.between(startedAt(), endedAt());
  }
}
