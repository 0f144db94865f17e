package io.harbormaster.core.operation;

import com.google.common.collect.ImmutableList;
import io.harbormaster.core.port.EventRecorder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a phase handler decided: move to another phase, or keep waiting (with actions to retry).
 * Immutable: each method returns a new transition.
 */
final class Transition {
  private final Optional<Phase> next;
  private final String summary;
  private final ImmutableList<Action> actions;
  private final Consumer<ImmutableOperationState.Builder> changes;
  private final Optional<Instant> lookAgainAt;

  private Transition(
      Optional<Phase> next,
      String summary,
      ImmutableList<Action> actions,
      Consumer<ImmutableOperationState.Builder> changes,
      Optional<Instant> lookAgainAt) {
    this.next = next;
    this.summary = summary;
    this.actions = actions;
    this.changes = changes;
    this.lookAgainAt = lookAgainAt;
  }

  /** Move on; {@code summary} says what the finished phase did. */
  static Transition advance(Phase next, String summary) {
    return new Transition(
        Optional.of(next), summary, ImmutableList.of(), builder -> {}, Optional.empty());
  }

  /** Stay; {@code waitingFor} says what for, and becomes the timeout message if time runs out. */
  static Transition waiting(String waitingFor) {
    return new Transition(
        Optional.empty(), waitingFor, ImmutableList.of(), builder -> {}, Optional.empty());
  }

  Transition act(Action action) {
    return act(List.of(action));
  }

  Transition act(List<? extends Action> more) {
    return new Transition(
        next,
        summary,
        ImmutableList.<Action>builder().addAll(actions).addAll(more).build(),
        changes,
        lookAgainAt);
  }

  Transition warn(String reason, String message) {
    return act(new Action.RecordEvent(EventRecorder.Type.WARNING, reason, message));
  }

  /** A change to the state besides the phase; changes apply in the order given. */
  Transition update(Consumer<ImmutableOperationState.Builder> change) {
    return new Transition(next, summary, actions, changes.andThen(change), lookAgainAt);
  }

  /**
   * Step again at {@code at} even if no watch reports a change: for what only asking again reveals
   * (a source's artifact that no watched object announces).
   */
  Transition lookAgainAt(Instant at) {
    return new Transition(next, summary, actions, changes, Optional.of(at));
  }

  Optional<Instant> lookAgainAt() {
    return lookAgainAt;
  }

  /** The phase it moves to; empty while it waits. */
  Optional<Phase> next() {
    return next;
  }

  boolean advances() {
    return next.isPresent();
  }

  boolean fails() {
    return next.equals(Optional.of(Phase.FAILED));
  }

  String summary() {
    return summary;
  }

  List<Action> actions() {
    return actions;
  }

  /** The state after this transition, built on {@code state}. */
  OperationState apply(OperationState state, Instant now) {
    if (next.isEmpty()) {
      return state.with(changes.andThen(builder -> builder.waitingFor(summary)));
    }
    return state.with(
        changes.andThen(
            builder ->
                builder
                    .phase(next.get())
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
