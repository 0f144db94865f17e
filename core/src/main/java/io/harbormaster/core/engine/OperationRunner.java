package io.harbormaster.core.engine;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.operation.Action;
import io.harbormaster.core.operation.Observations;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.PhaseMachine;
import io.harbormaster.core.operation.Step;
import io.harbormaster.core.port.EventRecorder;
import io.harbormaster.core.tenancy.TenancyViolation;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One step of an operation: observe, decide, act. If an action fails on a transient error, the
 * error is noted and the next step decides again from fresh observations (every action is
 * idempotent, so repeating is safe). A step that moved to a new phase keeps it, because the phases
 * re-issue what they still need at every step; a step that did not move keeps the old state.
 */
public final class OperationRunner {
  private static final System.Logger LOG = System.getLogger(OperationRunner.class.getName());

  private final Ports ports;
  private final ObservationCollector collector;

  public OperationRunner(Ports ports) {
    this.ports = ports;
    this.collector = new ObservationCollector(ports);
  }

  public StepResult step(ManagedApp app, PhaseMachine machine, OperationState state) {
    Instant now = ports.clock().instant();
    Observations seen;
    try {
      seen = collector.observe(app, machine, state);
    } catch (RuntimeException failure) {
      logIfABug(state, failure);
      return Failures.permanent(failure)
          ? run(machine, state, machine.fail(state, Failures.describe(failure), now), now)
          : noted(machine.observationFailed(state, Failures.describe(failure), now));
    }
    return run(machine, state, machine.step(state, seen, now), now);
  }

  private StepResult run(PhaseMachine machine, OperationState before, Step step, Instant now) {
    // A backstop behind the checks of what enters: no action touches another tenant's object. A
    // step that would fails the operation; the failing step then runs its permitted actions only.
    Optional<TenancyViolation> refused =
        step.actions().stream()
            .flatMap(action -> ports.tenancy().violation(before.app(), action).stream())
            .findFirst();
    if (refused.isPresent()
        && !step.state().phase().terminal()
        && !before.phase().terminal()
        && step.state().failedIn().isEmpty()) {
      return run(machine, before, machine.fail(before, Failures.describe(refused.get()), now), now);
    }
    List<Action> executed = new ArrayList<>();
    for (Action action : step.actions()) {
      Optional<TenancyViolation> violation = ports.tenancy().violation(before.app(), action);
      if (violation.isPresent()) {
        LOG.log(
            Level.WARNING,
            "not running "
                + describe(action)
                + " for "
                + before.id()
                + ": "
                + violation.get().getMessage());
        continue;
      }
      try {
        execute(step.state(), action);
        executed.add(action);
      } catch (RuntimeException failure) {
        logIfABug(before, failure);
        String error = "while running " + describe(action) + ": " + Failures.describe(failure);
        // A phase that was seen done stays done: the next phase re-issues what this step could not.
        boolean advanced = step.state().phase() != before.phase();
        OperationState kept = advanced ? step.state() : before;
        if (Failures.permanent(failure) && !kept.phase().terminal()) {
          return run(machine, kept, machine.fail(kept, error, now), now);
        }
        if (advanced) {
          OperationState noted = kept.with(b -> b.attempts(kept.attempts() + 1).lastError(error));
          return new StepResult(noted, executed, step.deadline());
        }
        StepResult retry = noted(machine.observationFailed(before, error, now));
        return new StepResult(retry.state(), executed, retry.deadline());
      }
    }
    return new StepResult(step.state(), executed, step.deadline());
  }

  private static StepResult noted(Step step) {
    return new StepResult(step.state(), List.of(), step.deadline());
  }

  private void execute(OperationState state, Action action) {
    if (action instanceof Action.SuspendFlux suspend) {
      ports.fluxControl().suspend(suspend.ref());
    } else if (action instanceof Action.ResumeFlux resume) {
      ports.fluxControl().resume(resume.ref());
    } else if (action instanceof Action.RequestReconcile reconcile) {
      ports.fluxControl().requestReconcile(reconcile.ref());
    } else if (action instanceof Action.RequestTrackedReconcile tracked) {
      ports.fluxControl().requestReconcile(tracked.ref(), tracked.token());
    } else if (action instanceof Action.RequestSourceReconcile source) {
      ports.fluxControl().requestReconcile(source.source());
    } else if (action instanceof Action.SuspendImageAutomation suspend) {
      ports.fluxControl().suspendImageAutomation(suspend.automation());
    } else if (action instanceof Action.ResumeImageAutomation resume) {
      ports.fluxControl().resumeImageAutomation(resume.automation());
    } else if (action instanceof Action.Scale scale) {
      ports.workloadScaler().scale(scale.workload(), scale.replicas());
    } else if (action instanceof Action.CreateSnapshot create) {
      ports.snapshots().create(create.request());
    } else if (action instanceof Action.RestoreVolume restore) {
      ports.snapshots().restore(restore.request());
    } else if (action instanceof Action.CommitVersion commit) {
      ports.git().commit(commit.edit());
    } else if (action instanceof Action.RevertCommit revert) {
      ports.git().revert(revert.request());
    } else if (action instanceof Action.StartRollback rollback) {
      ports.rollbacks().startRollback(rollback.upgrade());
    } else if (action instanceof Action.RecordEvent event) {
      recordEvent(state, event);
    } else {
      throw new IllegalStateException("no executor for " + action);
    }
    if (action.mutates()) {
      recordEvent(
          state,
          new Action.RecordEvent(EventRecorder.Type.NORMAL, reason(action), describe(action)));
    }
  }

  private static void logIfABug(OperationState state, RuntimeException failure) {
    if (Failures.looksLikeABug(failure)) {
      LOG.log(
          Level.ERROR,
          "a bug, not the cluster or git, failed a step of "
              + state.id()
              + " (retried until the phase's deadline)",
          failure);
    }
  }

  /** Events are for people; one that cannot be written must not stop the operation. */
  private void recordEvent(OperationState state, Action.RecordEvent event) {
    try {
      ports.events().record(state.id(), state.app(), event.type(), event.reason(), event.message());
    } catch (RuntimeException failure) {
      LOG.log(
          Level.WARNING,
          "could not record event "
              + event.reason()
              + " for "
              + state.id()
              + ": "
              + Failures.describe(failure));
    }
  }

  private static String reason(Action action) {
    return action.getClass().getSimpleName();
  }

  static String describe(Action action) {
    if (action instanceof Action.SuspendFlux suspend) {
      return "suspend " + suspend.ref();
    } else if (action instanceof Action.ResumeFlux resume) {
      return "resume " + resume.ref();
    } else if (action instanceof Action.RequestReconcile reconcile) {
      return "request a reconcile of " + reconcile.ref();
    } else if (action instanceof Action.RequestTrackedReconcile tracked) {
      return "request a reconcile of " + tracked.ref() + " marked " + tracked.token();
    } else if (action instanceof Action.RequestSourceReconcile source) {
      return "request a fetch of " + source.source();
    } else if (action instanceof Action.SuspendImageAutomation suspend) {
      return "suspend ImageUpdateAutomation " + suspend.automation();
    } else if (action instanceof Action.ResumeImageAutomation resume) {
      return "resume ImageUpdateAutomation " + resume.automation();
    } else if (action instanceof Action.Scale scale) {
      return "scale " + scale.workload() + " to " + scale.replicas();
    } else if (action instanceof Action.CreateSnapshot create) {
      return "create VolumeSnapshot "
          + create.request().snapshot()
          + " of PVC "
          + create.request().pvc().name();
    } else if (action instanceof Action.RestoreVolume restore) {
      return "restore PVC "
          + restore.request().pvc()
          + " from "
          + restore.request().snapshot().name();
    } else if (action instanceof Action.CommitVersion commit) {
      return "commit " + commit.edit().values() + " to " + commit.edit().location().filePath();
    } else if (action instanceof Action.RevertCommit revert) {
      return "revert commit " + revert.request().commitId();
    } else if (action instanceof Action.StartRollback rollback) {
      return "start a rollback of " + rollback.upgrade();
    }
    // An event touches nothing and cannot fail (recordEvent keeps its failure): no message names
    // one.
    return action.toString();
  }
}
