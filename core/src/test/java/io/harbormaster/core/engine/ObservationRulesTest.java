package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.model.WorkloadKind;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.PhaseRecord;
import io.harbormaster.core.operation.UpgradeMachine;
import io.harbormaster.core.port.FluxControl;
import io.harbormaster.core.port.FluxReader;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the engine reads before a step, and what it refuses to read: references outside the app's
 * namespace stop an operation before anything is read, and each phase sees exactly what its
 * decision rests on.
 */
class ObservationRulesTest {
  private final ManagedApp app = SampleApp.app();
  private final InMemoryWorld world = SampleApp.world(app);
  private final UpgradeRequest request =
      UpgradeRequest.builder()
          .id(ObjectRef.of("shop", "up"))
          .app(app.id())
          .target(TargetVersion.of("15.2.0"))
          .build();
  private final UpgradeMachine machine = new UpgradeMachine(app, request);

  @Test
  void portsWithoutATenancyConfinedAnAppToItsNamespaceBeforeAnythingIsRead() {
    FluxReader fluxReader = mock(FluxReader.class);
    FluxControl fluxControl = mock(FluxControl.class);
    Ports confined =
        Ports.builder()
            .discovery(world)
            .fluxReader(fluxReader)
            .fluxControl(fluxControl)
            .workloadReader(world)
            .workloadScaler(world)
            .snapshots(world)
            .git(world)
            .events(world)
            .rollbacks(world)
            .targetCatalog(world)
            .imageAutomations(world)
            .clock(world.clock())
            .build();

    StepResult step =
        new OperationRunner(confined).step(app, machine, machine.start(world.clock().instant()));

    assertThat(step.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(step.state().failedIn()).contains(Phase.PENDING);
    assertThat(step.state().message().orElseThrow())
        .startsWith("Kustomization flux-system/shop (from spec.flux) is in namespace flux-system");
    verifyNoInteractions(fluxReader, fluxControl);
  }

  @Test
  void aStatusReadBackNamingAnotherNamespacesWorkloadFailsInPending() {
    WorkloadRef victim = WorkloadRef.of(WorkloadKind.STATEFULSET, ObjectRef.of("db", "postgres"));
    OperationState tampered =
        machine.start(world.clock().instant()).with(b -> b.putOriginalReplica(victim, 3));

    StepResult step = new OperationRunner(world.ports()).step(app, machine, tampered);

    assertThat(step.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(step.state().failedIn()).contains(Phase.PENDING);
    assertThat(step.state().message().orElseThrow())
        .startsWith("StatefulSet db/postgres (from the status of upgrade shop/up)");
  }

  @Test
  void anUpgradeWithoutTargetWhereNoVersionSourceIsConfiguredFailsAtOnceNamingTheField() {
    UpgradeMachine auto =
        new UpgradeMachine(
            app, UpgradeRequest.builder().id(ObjectRef.of("shop", "auto")).app(app.id()).build());
    Ports withoutVersions = Ports.builder().from(world.ports()).versions(Optional.empty()).build();

    StepResult step =
        new OperationRunner(withoutVersions).step(app, auto, auto.start(world.clock().instant()));

    assertThat(step.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(step.state().message())
        .contains(
            "no version source is configured, so an upgrade of shop/postgres needs spec.target");
  }

  @Test
  void reconcileWaitsUntilTheApplierHasAppliedOurCommitNotJustAnEarlierOne() {
    FluxControl lazy = mock(FluxControl.class, delegatesTo(world));
    // Flux never gets round to the reconcile asked for: it keeps the revision it had.
    doNothing().when(lazy).requestReconcile(any(FluxRef.class));
    OperationRunner runner =
        new OperationRunner(Ports.builder().from(world.ports()).fluxControl(lazy).build());
    OperationState state = machine.start(world.clock().instant());
    for (int i = 0; i < 30 && state.phase() != Phase.HEALTH_CHECK; i++) {
      state = runner.step(app, machine, state).state();
    }

    assertThat(state.phase()).isEqualTo(Phase.RECONCILE);
    assertThat(state.waitingFor().orElseThrow())
        .startsWith(
            "Kustomization flux-system/shop to apply commit "
                + state.commitId().orElseThrow().substring(0, 12));
    assertThat(world.suspended(app.flux().primary()))
        .as("the HelmRelease waits for the Kustomization to apply the commit to it")
        .isTrue();
  }

  @Test
  void scaleDownWaitsForThePodsStillMountingTheVolumesToGo() throws InterruptedException {
    world.podsLinger(Duration.ofMinutes(3)).tick(Duration.ofSeconds(10));
    OperationDriver driver =
        new OperationDriver(
            new OperationRunner(world.ports()), world, world.clock(), Duration.ofSeconds(10));

    OperationState done =
        driver.run(app, machine, machine.start(world.clock().instant()), step -> {});

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    PhaseRecord scaleDown =
        done.history().stream()
            .filter(record -> record.phase() == Phase.SCALE_DOWN)
            .findFirst()
            .orElseThrow();
    assertThat(scaleDown.duration()).isGreaterThanOrEqualTo(Duration.ofMinutes(3));
  }
}
