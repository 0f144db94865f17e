package io.harbormaster.core.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One phase as a machine runs it: what stepping it needs observed, how long it may take and from
 * when that is counted, whether Flux must still be suspended, and the handler that decides the
 * phase's transition. Every field is required, so a phase cannot be run without a timeout or needs.
 */
record PhaseRow(
    Phase phase, NeedsRule needs, Duration timeout, Clock clock, FluxHold flux, Handler handler) {

  PhaseRow {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(needs, phase + " needs what it observes");
    Objects.requireNonNull(timeout, phase + " needs a timeout");
    Objects.requireNonNull(clock, phase + " needs a clock");
    Objects.requireNonNull(flux, phase + " needs to say what Flux must be");
    Objects.requireNonNull(handler, phase + " needs a handler");
    if (phase.terminal()) {
      throw new IllegalArgumentException(
          phase + " is terminal: the machine settles it, no row does");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "a timeout of " + timeout + " for " + phase + " makes no sense");
    }
  }

  /** A row whose clock starts with the phase. */
  static PhaseRow of(
      Phase phase, NeedsRule needs, Duration timeout, FluxHold flux, Handler handler) {
    return new PhaseRow(phase, needs, timeout, Clock.PHASE_START, flux, handler);
  }

  /** What stepping a state of this phase needs observed. */
  @FunctionalInterface
  interface NeedsRule {
    Set<Needs> of(OperationState state);

    static NeedsRule always(Needs first, Needs... rest) {
      Set<Needs> needs = EnumSet.of(first, rest);
      return state -> needs;
    }

    static NeedsRule nothing() {
      return state -> Set.of();
    }
  }

  /** Decides the phase's transition from the state and fresh observations. */
  @FunctionalInterface
  interface Handler {
    Transition decide(OperationState state, Observations seen, Instant now);
  }

  /** From when a phase's timeout counts. */
  enum Clock {
    PHASE_START,
    /**
     * The phase's last progress (a snapshot ready, a volume restored): a large volume that keeps
     * moving is never cut off, a stuck one is.
     */
    LAST_PROGRESS
  }

  /** What Flux must be while the phase runs. */
  enum FluxHold {
    /** Not suspended yet, or being suspended: nothing of the app has been touched. */
    RUNNING,
    /**
     * Suspended by the operation: a resume by someone else would apply git over half-done work, so
     * the machine fails the phase before its handler runs.
     */
    SUSPENDED,
    /** Being resumed by the operation. */
    RESUMING
  }
}
