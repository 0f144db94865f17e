package io.harbormaster.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves on by a fixed step each time it is read. */
final class TickingClock extends Clock {
  private final Duration step;
  private Instant next;

  TickingClock(Instant start, Duration step) {
    this.next = start;
    this.step = step;
  }

  @Override
  public synchronized Instant instant() {
    Instant now = next;
    next = next.plus(step);
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the snapshot tests read instants only");
  }
}
