package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RollbackRequest;
import io.harbormaster.core.model.SourceKind;
import io.harbormaster.core.model.SourceRef;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.RollbackMachine;
import io.harbormaster.core.operation.UpgradeMachine;
import io.harbormaster.core.port.FluxControl;
import io.harbormaster.core.port.FluxReader;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every change Harbormaster makes is an event that says what it changed, and every phase it leaves
 * is one that says what the phase found or did: the trail people read with {@code kubectl get
 * events}.
 */
class EventTrailTest {
  private static final SourceRef FLEET =
      SourceRef.of(SourceKind.GIT_REPOSITORY, ObjectRef.of("flux-system", "fleet"));

  private final ManagedApp app = SampleApp.app();
  private final InMemoryWorld world = SampleApp.world(app);

  private final FluxReader fluxReader = mock(FluxReader.class, delegatesTo(world));
  private final FluxControl flux = mock(FluxControl.class, delegatesTo(world));

  /** The world's Flux, with the Kustomization applying from the fleet's GitRepository. */
  private Ports ports() {
    doAnswer(
            call ->
                FluxStatus.builder().from(world.status(app.flux().applier())).source(FLEET).build())
        .when(fluxReader)
        .status(app.flux().applier());
    doNothing().when(flux).requestReconcile(any(SourceRef.class));
    return Ports.builder().from(world.ports()).fluxReader(fluxReader).fluxControl(flux).build();
  }

  @Test
  void anUpgradeAndItsRollbackLeaveAnEventForEveryChangeNamingWhatChanged()
      throws InterruptedException {
    world.broken("16.0.0");
    OperationDriver driver =
        new OperationDriver(
            new OperationRunner(ports()), world, world.clock(), Duration.ofSeconds(5));
    UpgradeRequest request =
        UpgradeRequest.builder()
            .id(ObjectRef.of("shop", "pg-16"))
            .app(app.id())
            .target(TargetVersion.of("16.0.0"))
            .build();
    UpgradeMachine upgrade = new UpgradeMachine(app, request);

    OperationState failed =
        driver.run(app, upgrade, upgrade.start(world.clock().instant()), step -> {});
    RollbackMachine rollback =
        new RollbackMachine(
            app,
            RollbackRequest.builder()
                .id(ObjectRef.of("shop", "pg-16-rollback"))
                .upgrade(request.id())
                .autoTriggered(true)
                .build());
    OperationState rolledBack =
        driver.run(
            app, rollback, rollback.start(failed, List.of(), world.clock().instant()), step -> {});

    assertThat(failed.failedIn()).contains(Phase.HEALTH_CHECK);
    assertThat(rolledBack.phase()).isEqualTo(Phase.COMPLETED);
    String commit = failed.commitId().orElseThrow();
    String revert = rolledBack.commitId().orElseThrow();
    assertThat(world.events())
        .as("every change, named")
        .contains(
            "NORMAL SuspendFlux: suspend Kustomization flux-system/shop",
            "NORMAL SuspendFlux: suspend HelmRelease shop/postgres",
            "NORMAL Scale: scale StatefulSet shop/postgres to 0",
            "NORMAL Scale: scale Deployment shop/pg-backup to 0",
            "NORMAL CreateSnapshot: create VolumeSnapshot shop/pg-16-data-postgres-0 of PVC"
                + " data-postgres-0",
            "NORMAL CommitVersion: commit {spec.chart.spec.version=16.0.0} to"
                + " apps/shop/postgres.yaml",
            "NORMAL ResumeFlux: resume Kustomization flux-system/shop",
            "NORMAL RequestSourceReconcile: request a fetch of GitRepository flux-system/fleet",
            "NORMAL RequestReconcile: request a reconcile of Kustomization flux-system/shop",
            "NORMAL ResumeFlux: resume HelmRelease shop/postgres",
            "NORMAL RequestTrackedReconcile: request a reconcile of HelmRelease shop/postgres"
                + " marked harbormaster-"
                + commit,
            "NORMAL Scale: scale StatefulSet shop/postgres to 1",
            "NORMAL Scale: scale Deployment shop/pg-backup to 2",
            "NORMAL StartRollback: start a rollback of upgrade shop/pg-16",
            "NORMAL RestoreVolume: restore PVC shop/data-postgres-0 from pg-16-data-postgres-0",
            "NORMAL RevertCommit: revert commit " + commit);
    assertThat(world.events())
        .as("every phase left, with what it found or did")
        .contains(
            "NORMAL Pending: found 2 workloads and 1 volume to protect",
            "NORMAL Suspend: suspended [Kustomization flux-system/shop, HelmRelease shop/postgres]",
            "NORMAL ScaleDown: stopped StatefulSet shop/postgres (1 replica), Deployment"
                + " shop/pg-backup (2 replicas)",
            "NORMAL Snapshot: took 1 snapshot: [shop/pg-16-data-postgres-0]",
            "NORMAL GitCommit: committed "
                + commit.substring(0, 12)
                + ": spec.chart.spec.version: 15.1.0 -> 16.0.0",
            "NORMAL Reconcile: Kustomization flux-system/shop applied " + commit.substring(0, 12),
            "NORMAL Pending: found 2 workloads and 1 volume to restore",
            "NORMAL VolumeRestore: restored [shop/data-postgres-0] from their snapshots",
            "NORMAL GitRevert: reverted "
                + commit.substring(0, 12)
                + " with "
                + revert.substring(0, 12),
            "NORMAL HealthCheck: rolled back upgrade shop/pg-16: restored 1 volume, reverted "
                + commit.substring(0, 12));
    verify(flux, times(2)).requestReconcile(FLEET);
    assertThat(world.events())
        .as("the source fetches before its Kustomization reconciles")
        .containsSubsequence(
            "NORMAL ResumeFlux: resume Kustomization flux-system/shop",
            "NORMAL RequestSourceReconcile: request a fetch of GitRepository flux-system/fleet",
            "NORMAL RequestReconcile: request a reconcile of Kustomization flux-system/shop");
  }
}
