package io.harbormaster.core.engine;

import io.harbormaster.core.operation.Action;
import io.harbormaster.core.operation.OperationState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one engine step did: the state to persist, the actions that ran, and when to step again at
 * the latest (the phase's deadline) if no watch wakes the operation sooner.
 */
public record StepResult(OperationState state, List<Action> executed, Optional<Instant> deadline) {
  public StepResult {
    executed = List.copyOf(executed);
  }

  /**
   * Whether to step again at once rather than wait for a watch: the state moved on (retry notes
   * alone do not count), or an action ran whose effect no watch will report (a git push).
   */
  public boolean stepAgainNow(OperationState before) {
    return !withoutRetryNotes(state).equals(withoutRetryNotes(before))
        || executed.stream().anyMatch(action -> action.mutates() && !action.seenByWatches());
  }

  private static OperationState withoutRetryNotes(OperationState state) {
    return state.with(b -> b.attempts(0).lastError(Optional.empty()));
  }
}
