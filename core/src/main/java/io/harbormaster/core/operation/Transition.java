package io.harbormaster.core.operation;

import io.harbormaster.core.port.EventRecorder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** What a phase handler decided: move to another phase, or keep waiting (with actions to retry). */
final class Transition {
  private final Phase next;
  private final String summary;
  private final List<Action> actions = new ArrayList<>();
  private Consumer<ImmutableOperationState.Builder> changes = builder -> {};
  private Optional<Instant> lookAgainAt = Optional.empty();

  private Transition(Phase next, String summary) {
    this.next = next;
    this.summary = summary;
  }

  /** Move on; {@code summary} says what the finished phase did. */
  static Transition advance(Phase next, String summary) {
    return new Transition(next, summary);
  }

  /** Stay; {@code waitingFor} says what for, and becomes the timeout message if time runs out. */
  static Transition waiting(String waitingFor) {
    return new Transition(null, waitingFor);
  }

  Transition act(Action action) {
    actions.add(action);
    return this;
  }

  Transition act(List<? extends Action> more) {
    actions.addAll(more);
    return this;
  }

  Transition warn(String reason, String message) {
    return act(new Action.RecordEvent(EventRecorder.Type.WARNING, reason, message));
  }

  /** A change to the state besides the phase; changes apply in the order given. */
  Transition update(Consumer<ImmutableOperationState.Builder> change) {
    changes = changes.andThen(change);
    return this;
  }

  /**
   * Step again at {@code at} even if no watch reports a change: for what only asking again reveals
   * (a source's artifact that no watched object announces).
   */
  Transition lookAgainAt(Instant at) {
    lookAgainAt = Optional.of(at);
    return this;
  }

  Optional<Instant> lookAgainAt() {
    return lookAgainAt;
  }

  boolean advances() {
    return next != null;
  }

  Phase next() {
    return next;
  }

  String summary() {
    return summary;
  }

  List<Action> actions() {
    return actions;
  }

  /** The state after this transition, built on {@code state}. */
  OperationState apply(OperationState state, Instant now) {
    if (!advances()) {
      return state.with(changes.andThen(builder -> builder.waitingFor(summary)));
    }
    return state.with(
        changes.andThen(
            builder ->
                builder
                    .phase(next)
                    .phaseStartedAt(now)
                    .progressAt(Optional.empty())
                    .progress(0)
                    .attempts(0)
                    .lastError(Optional.empty())
                    .waitingFor(Optional.empty())
                    .addHistory(
                        PhaseRecord.of(state.phase(), state.phaseStartedAt(), now, summary))));
  }
}
