package io.harbormaster.core.engine;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.PhaseMachine;
import io.harbormaster.core.port.ChangeNotifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs one operation to its end in this process (the CLI's {@code --local} mode and the demo): step
 * at once while steps make progress, otherwise sleep until a watch reports a change, the phase's
 * deadline comes, or {@code guard} passes (a bound on a missed wake-up, not a poll interval).
 */
public final class OperationDriver {
  /** Sees every step, e.g. to print a timeline. */
  public interface Listener {
    void onStep(StepResult step);
  }

  private final OperationRunner runner;
  private final ChangeNotifier changes;
  private final Clock clock;
  private final Duration guard;

  public OperationDriver(
      OperationRunner runner, ChangeNotifier changes, Clock clock, Duration guard) {
    this.runner = runner;
    this.changes = changes;
    this.clock = clock;
    this.guard = guard;
  }

  public OperationState run(
      ManagedApp app, PhaseMachine machine, OperationState start, Listener listener)
      throws InterruptedException {
    OperationState state = start;
    while (!state.finished()) {
      StepResult step = runner.step(app, machine, state);
      listener.onStep(step);
      boolean again = step.stepAgainNow(state);
      state = step.state();
      if (!again && !state.finished()) {
        changes.awaitChange(waitFor(step.deadline().orElse(null)));
      }
    }
    return state;
  }

  private Duration waitFor(Instant deadline) {
    if (deadline == null) {
      return guard;
    }
    Duration untilDeadline = Duration.between(clock.instant(), deadline);
    if (untilDeadline.isNegative() || untilDeadline.isZero()) {
      return Duration.ofMillis(1);
    }
    return untilDeadline.compareTo(guard) < 0 ? untilDeadline : guard;
  }
}
