package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RetryCannotHelp;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.operation.Action;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.UpgradeMachine;
import io.harbormaster.core.port.FluxControl;
import io.harbormaster.core.port.WorkloadScaler;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a step keeps when one of its actions throws: the phase it reached, the error for people to
 * see, the attempt count, and whether the operation ends (a failure retrying cannot fix) or tries
 * again at its next step (any other).
 */
class ActionFailureTest {
  private final ManagedApp app = SampleApp.app();
  private final InMemoryWorld world = SampleApp.world(app);
  private final UpgradeMachine machine =
      new UpgradeMachine(
          app,
          UpgradeRequest.builder()
              .id(ObjectRef.of("shop", "up"))
              .app(app.id())
              .target(TargetVersion.of("15.2.0"))
              .build());
  private final OperationRunner healthy = new OperationRunner(world.ports());

  private static RuntimeException outage() {
    return new UncheckedIOException(new ConnectException("connection refused"));
  }

  /** Steps on the world's own ports until the operation is in {@code phase}. */
  private OperationState stepUntil(Phase phase) {
    OperationState state = machine.start(world.clock().instant());
    for (int i = 0; i < 50 && state.phase() != phase; i++) {
      state = healthy.step(app, machine, state).state();
    }
    assertThat(state.phase()).isEqualTo(phase);
    return state;
  }

  /** Steps on {@code runner} until the operation leaves {@code state}'s phase; the last step. */
  private StepResult stepOutOf(OperationRunner runner, OperationState state) {
    StepResult step = runner.step(app, machine, state);
    for (int i = 0; i < 50 && step.state().phase() == state.phase(); i++) {
      step = runner.step(app, machine, step.state());
    }
    assertThat(step.state().phase()).isNotEqualTo(state.phase());
    return step;
  }

  private OperationRunner suspendFailing(FluxRef ref, RuntimeException failure) {
    FluxControl flux = mock(FluxControl.class, delegatesTo(world));
    doThrow(failure).when(flux).suspend(ref);
    return new OperationRunner(Ports.builder().from(world.ports()).fluxControl(flux).build());
  }

  private OperationRunner scaleFailing(RuntimeException failure) {
    WorkloadScaler scaler = mock(WorkloadScaler.class, delegatesTo(world));
    doThrow(failure).when(scaler).scale(eq(SampleApp.DATABASE), anyInt());
    return new OperationRunner(Ports.builder().from(world.ports()).workloadScaler(scaler).build());
  }

  @Test
  void aTransientFailureInAStepThatStayedInItsPhaseKeepsTheStateAndCountsTheAttempt() {
    OperationState suspending = stepUntil(Phase.SUSPEND);
    OperationRunner flaky = suspendFailing(app.flux().primary(), outage());

    StepResult first = flaky.step(app, machine, suspending);
    StepResult second = flaky.step(app, machine, first.state());

    assertThat(first.state().phase()).isEqualTo(Phase.SUSPEND);
    assertThat(first.state().attempts()).isEqualTo(1);
    assertThat(first.state().lastError().orElseThrow())
        .startsWith("while running suspend HelmRelease shop/postgres: ")
        .endsWith("connection refused");
    assertThat(first.state().with(b -> b.attempts(0).lastError(Optional.empty())))
        .as("nothing but the retry notes changed")
        .isEqualTo(suspending);
    assertThat(first.executed())
        .as("what ran before the failure")
        .containsExactly(new Action.SuspendFlux(app.flux().applier()));
    assertThat(first.deadline()).isEqualTo(machine.deadline(suspending));
    assertThat(second.state().attempts()).isEqualTo(2);
  }

  @Test
  void aTransientFailureInAStepThatMovedOnKeepsTheNewPhaseWhoseNextStepReissuesTheAction() {
    OperationState reconciling = stepUntil(Phase.RECONCILE);

    StepResult entered = stepOutOf(scaleFailing(outage()), reconciling);
    StepResult next = healthy.step(app, machine, entered.state());

    assertThat(entered.state().phase()).isEqualTo(Phase.HEALTH_CHECK);
    assertThat(entered.state().attempts()).isEqualTo(1);
    assertThat(entered.state().lastError().orElseThrow())
        .startsWith("while running scale StatefulSet shop/postgres to 1: ")
        .endsWith("connection refused");
    assertThat(entered.executed()).noneMatch(action -> action instanceof Action.Scale);
    assertThat(entered.deadline()).isEqualTo(machine.deadline(entered.state()));
    assertThat(machine.deadline(entered.state()))
        .contains(entered.state().phaseStartedAt().plus(app.healthCheckTimeout()));
    assertThat(next.executed())
        .contains(new Action.Scale(SampleApp.DATABASE, 1), new Action.Scale(SampleApp.BACKUP, 2));
    assertThat(world.replicas(SampleApp.DATABASE)).isEqualTo(1);
    assertThat(world.replicas(SampleApp.BACKUP)).isEqualTo(2);
  }

  @Test
  void aFailureRetryingCannotFixInAStepThatMovedOnFailsTheOperationInTheNewPhase() {
    OperationState reconciling = stepUntil(Phase.RECONCILE);

    StepResult failed =
        stepOutOf(
            scaleFailing(new RetryCannotHelp("StatefulSet shop/postgres is managed by Argo CD")),
            reconciling);

    assertThat(failed.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(failed.state().failedIn()).contains(Phase.HEALTH_CHECK);
    assertThat(failed.state().message().orElseThrow())
        .isEqualTo(
            "while running scale StatefulSet shop/postgres to 1: StatefulSet shop/postgres is"
                + " managed by Argo CD; rolling back");
    assertThat(failed.state().rollbackRequested()).isTrue();
  }

  @Test
  void aFailureRetryingCannotFixInAStepThatStayedFailsTheOperationInItsPhase() {
    OperationState suspending = stepUntil(Phase.SUSPEND);

    StepResult failed =
        suspendFailing(
                app.flux().primary(),
                new RetryCannotHelp("HelmRelease shop/postgres: forbidden by policy"))
            .step(app, machine, suspending);

    assertThat(failed.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(failed.state().failedIn()).contains(Phase.SUSPEND);
    assertThat(failed.state().message().orElseThrow())
        .isEqualTo(
            "while running suspend HelmRelease shop/postgres: HelmRelease shop/postgres: forbidden"
                + " by policy");
    assertThat(world.suspended(app.flux().applier())).isTrue();
    assertThat(failed.state().settled()).as("the Kustomization is suspended: resume it").isFalse();
  }

  @Test
  void aCleanupActionThatCannotSucceedLeavesTheFailedOperationAsItFailedAndRetries() {
    OperationState scalingDown = stepUntil(Phase.SCALE_DOWN);
    OperationState failed =
        machine.fail(scalingDown, "snapshot class missing", world.clock().instant()).state();
    FluxControl flux = mock(FluxControl.class, delegatesTo(world));
    doThrow(new RetryCannotHelp("resuming is forbidden")).when(flux).resume(any());
    OperationRunner refusing =
        new OperationRunner(Ports.builder().from(world.ports()).fluxControl(flux).build());
    world.clock().advance(Duration.ofSeconds(5));

    StepResult cleanup = refusing.step(app, machine, failed);

    assertThat(cleanup.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(cleanup.state().failedIn()).contains(Phase.SCALE_DOWN);
    assertThat(cleanup.state().message()).isEqualTo(failed.message());
    assertThat(cleanup.state().history()).isEqualTo(failed.history());
    assertThat(cleanup.state().settled()).isFalse();
    assertThat(cleanup.state().attempts()).isEqualTo(1);
    assertThat(cleanup.state().lastError().orElseThrow())
        .isEqualTo("while running resume HelmRelease shop/postgres: resuming is forbidden");
  }
}
