package io.harbormaster.sandbox.flux;

import java.time.Duration;
import java.util.Optional;

/**
 * How one reconcile of a Flux object ended, and so when the controller looks at it again, as a
 * controller-runtime result does: {@link #done} at its interval, {@link #requeueAfter} a delay the
 * controller chose (a dependency not ready, a retry interval), {@link #stopped} not until something
 * changes (a terminal failure), or {@link #inFlight} still working (a Helm wait, a health check),
 * which goes on even if the object is suspended meanwhile: suspending stops the next reconcile, not
 * this one. A reconcile that failed in a way the controller retries ({@link #retry}), or that
 * throws, is tried again after a growing backoff.
 */
public record Outcome(Kind kind, Optional<Duration> after) {
  public enum Kind {
    DONE,
    REQUEUE,
    STOPPED,
    IN_FLIGHT,
    RETRY
  }

  public static Outcome done() {
    return new Outcome(Kind.DONE, Optional.empty());
  }

  public static Outcome requeueAfter(Duration delay) {
    return new Outcome(Kind.REQUEUE, Optional.of(delay));
  }

  public static Outcome stopped() {
    return new Outcome(Kind.STOPPED, Optional.empty());
  }

  /** Failed, and tried again after a backoff that grows with each failure in a row. */
  public static Outcome retry() {
    return new Outcome(Kind.RETRY, Optional.empty());
  }

  /** Still at work: looked at again after {@code poll}, suspended or not. */
  static Outcome inFlight(Duration poll) {
    return new Outcome(Kind.IN_FLIGHT, Optional.of(poll));
  }
}
