package io.harbormaster.core.operation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one step: the state to persist, the actions to run, and when to look again at the
 * latest even if nothing changes (the phase's deadline, or sooner when the phase must ask again for
 * something no watch reports).
 */
public record Step(OperationState state, List<Action> actions, Optional<Instant> deadline) {
  public Step {
    actions = List.copyOf(actions);
  }
}
