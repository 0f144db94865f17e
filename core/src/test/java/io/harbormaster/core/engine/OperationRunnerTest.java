package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.discovery.WorkloadTarget;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.model.WorkloadKind;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.operation.Action;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.UpgradeMachine;
import io.harbormaster.core.port.FluxReader;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import io.harbormaster.core.tenancy.Tenancy;
import org.junit.jupiter.api.Test;

class OperationRunnerTest {
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

  @Test
  void aFailureRetryingCannotFixEndsTheOperationAtOnceWithItsMessage() {
    FluxReader flux = spy(FluxReader.class);
    doThrow(
            new InvalidSpecException(
                "spec.flux.kustomization",
                "HelmRelease shop/postgres is applied by flux-system/apps: name it"))
        .when(flux)
        .verifyParents(any(FluxSource.class));
    OperationRunner runner =
        new OperationRunner(Ports.builder().from(world.ports()).fluxReader(flux).build());

    StepResult step = runner.step(app, machine, machine.start(world.clock().instant()));

    assertThat(step.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(step.state().finished()).isTrue();
    assertThat(step.state().message().orElseThrow())
        .startsWith("spec.flux.kustomization: HelmRelease shop/postgres");
    assertThat(step.executed()).allMatch(action -> !action.mutates());
  }

  @Test
  void aTransientFailureKeepsThePhaseAndNotesTheError() {
    OperationRunner runner = new OperationRunner(world.ports());
    OperationState suspending =
        runner.step(app, machine, machine.start(world.clock().instant())).state();
    assertThat(suspending.phase()).isEqualTo(Phase.SUSPEND);
    FluxReader flux = spy(FluxReader.class);
    doThrow(new java.io.UncheckedIOException(new java.net.ConnectException("connection refused")))
        .when(flux)
        .status(any());
    OperationRunner flaky =
        new OperationRunner(Ports.builder().from(world.ports()).fluxReader(flux).build());

    StepResult step = flaky.step(app, machine, suspending);

    assertThat(step.state().phase()).isEqualTo(Phase.SUSPEND);
    assertThat(step.state().attempts()).isEqualTo(1);
    assertThat(step.state().lastError())
        .hasValueSatisfying(error -> assertThat(error).endsWith("connection refused"));
    assertThat(step.executed()).isEmpty();
  }

  @Test
  void anIllegalArgumentExceptionIsABugsNotTheUsersAndIsRetriedNotFinal() {
    OperationRunner runner = new OperationRunner(world.ports());
    OperationState suspending =
        runner.step(app, machine, machine.start(world.clock().instant())).state();
    FluxReader flux = spy(FluxReader.class);
    doThrow(new IllegalArgumentException("index 3 out of range")).when(flux).status(any());
    OperationRunner buggy =
        new OperationRunner(Ports.builder().from(world.ports()).fluxReader(flux).build());

    StepResult step = buggy.step(app, machine, suspending);

    assertThat(step.state().phase()).isEqualTo(Phase.SUSPEND);
    assertThat(step.state().finished()).isFalse();
    assertThat(step.state().lastError()).contains("index 3 out of range");
  }

  @Test
  void everyActionThatChangesSomethingIsRecordedAsAnEvent() {
    OperationRunner runner = new OperationRunner(world.ports());
    OperationState state =
        runner.step(app, machine, machine.start(world.clock().instant())).state();

    StepResult suspend = runner.step(app, machine, state);

    assertThat(suspend.executed()).filteredOn(Action::mutates).hasSize(2);
    assertThat(world.events())
        .contains(
            "NORMAL SuspendFlux: suspend Kustomization flux-system/shop",
            "NORMAL SuspendFlux: suspend HelmRelease shop/postgres");
  }

  @Test
  void aTargetInAnotherNamespaceFailsTheUpgradeInPendingBeforeAnythingIsTouched() {
    AppTargets foreign =
        AppTargets.builder()
            .addWorkloads(
                WorkloadTarget.of(
                    WorkloadRef.of(WorkloadKind.STATEFULSET, ObjectRef.of("db", "postgres")),
                    "in the Helm manifest"))
            .build();
    OperationRunner runner =
        new OperationRunner(Ports.builder().from(world.ports()).discovery(any -> foreign).build());

    StepResult step = runner.step(app, machine, machine.start(world.clock().instant()));

    assertThat(step.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(step.state().failedIn()).contains(Phase.PENDING);
    assertThat(step.state().finished()).isTrue();
    assertThat(step.state().message().orElseThrow())
        .startsWith(
            "StatefulSet db/postgres (from discovery (in the Helm manifest)) is in namespace db, outside the namespace of app shop/postgres");
    assertThat(step.executed()).allMatch(action -> !action.mutates());
  }

  @Test
  void anActionOnAnotherNamespacesObjectIsNotRunAndFailsTheOperation() {
    OperationRunner runner = new OperationRunner(world.ports());
    OperationState suspending =
        runner.step(app, machine, machine.start(world.clock().instant())).state();
    OperationRunner locked =
        new OperationRunner(
            Ports.builder().from(world.ports()).tenancy(Tenancy.sameNamespaceOnly()).build());

    StepResult step = locked.step(app, machine, suspending);

    assertThat(step.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(step.state().message().orElseThrow())
        .startsWith("Kustomization flux-system/shop (from an action)");
    assertThat(step.executed()).noneMatch(action -> action instanceof Action.SuspendFlux);
    assertThat(world.events()).noneMatch(event -> event.contains("SuspendFlux"));
  }
}
