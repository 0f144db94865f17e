package io.harbormaster.core.sizing;

import java.time.Instant;
import java.util.Optional;

/** What the planner decided for one PVC now, each with the sentence a status shows. */
public sealed interface SizingDecision {
  String why();

  /** Grow to {@code toBytes} now. */
  record Grow(long toBytes, GrowthKind kind, String why) implements SizingDecision {}

  /** It should grow to {@code toBytes}, but waits (window, budget, minimum interval) until then. */
  record Queued(long toBytes, GrowthKind kind, Optional<Instant> until, String why)
      implements SizingDecision {}

  /** It is at the policy's limit: nothing more, whatever its usage. */
  record AtLimit(String why) implements SizingDecision {}

  /** Enough free space. */
  record Steady(String why) implements SizingDecision {}

  /** A resize under way, or not yet seen by the filesystem: no new decision until it is. */
  record Waiting(String why) implements SizingDecision {}

  /** Its usage is unknown: shown, never acted on. */
  record UsageUnknown(String why) implements SizingDecision {}

  /** It cannot grow (lost, its class does not expand, a resize that needs a pod). */
  record NotGrowable(String why) implements SizingDecision {}
}
