package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.DB;
import static io.harbormaster.operator.FleetApps.DB_FILE;
import static io.harbormaster.operator.FleetApps.DB_NAMESPACE;
import static io.harbormaster.operator.FleetApps.DB_PVC;
import static io.harbormaster.operator.FleetApps.WAIT;
import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_FILE;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.FleetApps.WEB_PVC;
import static io.harbormaster.operator.OperatorCluster.BRANCH;
import static io.harbormaster.operator.OperatorCluster.BROKEN_TAG;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static io.harbormaster.operator.Requests.inPhase;
import static io.harbormaster.operator.Requests.phases;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import io.harbormaster.sandbox.storage.VolumeSnapshotCrd;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole upgrades and rollbacks run by the real operator on the sandbox: simulated Flux applying the
 * fleet repository from a real git server, workload controllers, kubelet and CSI snapshots with
 * bytes.
 */
@Tag("both-api-servers")
class EndToEndTest {
  private static final List<String> UPGRADE_PHASES =
      List.of(
          "Pending", "Suspend", "ScaleDown", "Snapshot", "GitCommit", "Reconcile", "HealthCheck");

  /**
   * Long enough for a whole operation on a busy machine; the waits end as soon as the state is
   * reached.
   */
  private static final Duration OPERATION = Duration.ofSeconds(90);

  /**
   * The health-check timeout of tests whose upgrade never gets healthy: they wait it out, and the
   * rollback's healthy rollout takes well under a second in the sandbox, on either API server.
   */
  private static final String HEALTH_CHECK_WAITED_OUT = "5s";

  @TempDir Path work;
  private OperatorCluster cluster;
  private FleetApps apps;
  private Requests requests;

  @BeforeEach
  void start() throws Exception {
    cluster = new OperatorCluster(work);
    apps = new FleetApps(cluster);
    requests = new Requests(cluster.client);
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Test
  void upgradesAKustomizationAppThroughEveryPhase() {
    apps.web("1.0.0", "1m", true);

    requests.upgrade(WEB_NAMESPACE, "to-1-1", WEB, "1.1.0", false, false);
    UpgradeRequest done = await(requests.upgrade(WEB_NAMESPACE, "to-1-1"), finished(), OPERATION);

    assertThat(done.getStatus().phase()).as(done.getStatus().message()).isEqualTo("Completed");
    assertThat(phases(done)).containsExactlyElementsOf(UPGRADE_PHASES);
    RevCommit tip = cluster.git.log(BRANCH).get(0);
    assertThat(tip.getName()).isEqualTo(done.getStatus().commitId());
    assertThat(tip.getFullMessage()).contains("Harbormaster-Operation: apps/to-1-1");
    assertThat(cluster.git.read(BRANCH, WEB_FILE)).isEqualTo(FleetApps.webKustomization("1.1.0"));
    assertThat(
            apps.awaitReady(WEB_NAMESPACE, WEB)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("web:1.1.0");
    assertThat(apps.snapshotsOf(WEB_PVC))
        .singleElement()
        .satisfies(snapshot -> assertThat(snapshot.<Boolean>get("status", "readyToUse")).isTrue());
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
    // The finalizer goes right after the final status is written.
    await(
        requests.upgrade(WEB_NAMESPACE, "to-1-1"),
        r -> r.getMetadata().getFinalizers().isEmpty(),
        WAIT);
  }

  @Test
  void theAppStatusFollowsItsUpgradesAndRetentionKeepsOnlyTheNewestSnapshots() {
    apps.web("1.0.0", "1m", true);
    cluster
        .client
        .resources(io.harbormaster.api.crd.ManagedApp.class)
        .inNamespace(WEB_NAMESPACE)
        .withName(WEB)
        .edit(
            app -> {
              var spec = app.getSpec();
              app.setSpec(
                  new io.harbormaster.api.crd.ManagedAppSpec(
                      spec.flux(),
                      spec.git(),
                      spec.autoUpdate(),
                      new io.harbormaster.api.crd.ManagedAppSpec.Snapshots(
                          true,
                          null,
                          null,
                          null,
                          new io.harbormaster.api.crd.ManagedAppSpec.Retention(1, null)),
                      spec.healthCheckTimeout(),
                      spec.autoRollback(),
                      spec.serviceAccountName(),
                      spec.imageAutomation()));
              return app;
            });

    UpgradeRequest first = upgradeTo("first", "1.1.0");
    String firstSnapshot = first.getStatus().snapshots().get(0).snapshot().name();
    upgradeTo("second", "1.2.0");

    io.harbormaster.api.crd.ManagedApp app =
        AwaitCondition.until(
            cluster
                .client
                .resources(io.harbormaster.api.crd.ManagedApp.class)
                .inNamespace(WEB_NAMESPACE)
                .withName(WEB),
            a -> a.getStatus() != null && "second: Completed".equals(a.getStatus().lastUpgrade()),
            OPERATION);
    assertThat(app.getStatus().currentVersion()).isEqualTo("1.2.0");
    assertThat(app.getStatus().conditions())
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    // Retention of one upgrade: the first upgrade's snapshot goes once the second has taken its
    // own.
    AwaitCondition.until(
        volumeSnapshots().inNamespace(WEB_NAMESPACE).withName(firstSnapshot),
        java.util.Objects::isNull,
        OPERATION);
    assertThat(apps.snapshotsOf(WEB_PVC))
        .singleElement()
        .satisfies(snapshot -> assertThat(snapshot.getMetadata().getName()).startsWith("second-"));
  }

  private UpgradeRequest upgradeTo(String name, String tag) {
    requests.upgrade(WEB_NAMESPACE, name, WEB, tag, false, false);
    UpgradeRequest done = await(requests.upgrade(WEB_NAMESPACE, name), finished(), OPERATION);
    assertThat(done.getStatus().phase()).as(done.getStatus().message()).isEqualTo("Completed");
    return done;
  }

  @Test
  void upgradesAHelmReleaseWithTwoWorkloadsAndThreeVolumes() {
    apps.postgres("1.0.0", 3);

    requests.upgrade(DB_NAMESPACE, "to-1-1", DB, "1.1.0", false, false);
    UpgradeRequest done = await(requests.upgrade(DB_NAMESPACE, "to-1-1"), finished(), OPERATION);

    assertThat(done.getStatus().phase()).as(done.getStatus().message()).isEqualTo("Completed");
    assertThat(done.getStatus().workloads())
        .extracting(w -> w.kind() + " " + w.name())
        .containsExactlyInAnyOrder("StatefulSet postgres", "Deployment postgres-backup");
    assertThat(done.getStatus().snapshots())
        .extracting(s -> s.pvc().name())
        .containsExactlyInAnyOrder("data-postgres-0", "data-postgres-1", "data-postgres-2");
    assertThat(cluster.git.read(BRANCH, DB_FILE)).contains("version: \"1.1.0\"");
    assertThat(
            apps.statefulSet(DB_NAMESPACE, DB)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("postgres:15.2");
    assertThat(apps.awaitReady(DB_NAMESPACE, DB + "-backup").getSpec().getReplicas()).isEqualTo(1);
    assertThat(apps.statefulSet(DB_NAMESPACE, DB).getSpec().getReplicas()).isEqualTo(3);
    for (int replica = 0; replica < 3; replica++) {
      assertThat(apps.snapshotsOf(SampleApps.postgresPvc(replica))).hasSize(1);
    }
    assertThat(apps.suspended("db")).isFalse();
    assertThat(
            (Object)
                cluster
                    .flux("helm.toolkit.fluxcd.io/v2", "HelmRelease", DB_NAMESPACE, DB)
                    .get()
                    .get("status", "lastHandledReconcileAt"))
        .as("helm-controller was asked to act on the applied commit, and did")
        .isEqualTo("harbormaster-" + done.getStatus().commitId());
  }

  @Test
  void aChartVersionPublishedSinceTheRepositoryLastFetchedIsFetchedOnRequest() {
    apps.postgres("1.0.0", 1);
    // Published after the HelmRepository read its index: it fetches again only in an hour, unless
    // asked.
    cluster.sandbox.charts().publish(PostgresChart.NAME, PostgresChart.UNPUBLISHED_VERSION);

    requests.upgrade(DB_NAMESPACE, "to-2-1", DB, PostgresChart.UNPUBLISHED_VERSION, false, false);
    UpgradeRequest done = await(requests.upgrade(DB_NAMESPACE, "to-2-1"), finished(), OPERATION);

    assertThat(done.getStatus().phase()).as(done.getStatus().message()).isEqualTo("Completed");
    assertThat(
            apps.statefulSet(DB_NAMESPACE, DB)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("postgres:16.2");
  }

  @Test
  void aChartReleaseWhosePodsNeverGetReadyFailsOnceHelmGivesUpAndIsRolledBackWithoutAnotherTry() {
    apps = new FleetApps(cluster, FleetApps.HELM_TIMEOUT_WAITED_OUT);
    apps.postgres("1.0.0", 1);
    cluster.storage.files().write(DB_PVC, "PG_VERSION", "15\n".getBytes(UTF_8));

    requests.upgrade(
        DB_NAMESPACE, "to-broken-chart", DB, PostgresChart.BROKEN_VERSION, false, false);
    // Helm's wait (the release's timeout) fails the release, and with no remediation retries
    // helm-controller stalls: well inside Reconcile's 10 minutes, waiting longer cannot help.
    UpgradeRequest failed =
        await(requests.upgrade(DB_NAMESPACE, "to-broken-chart"), finished(), OPERATION);
    RollbackRequest rollback =
        await(requests.rollback(DB_NAMESPACE, "to-broken-chart-rollback"), finished(), OPERATION);

    assertThat(failed.getStatus().phase()).isEqualTo("Failed");
    assertThat(failed.getStatus().failedIn()).isEqualTo("Reconcile");
    assertThat(failed.getStatus().message())
        .startsWith(
            "Flux gave up: HelmRelease db/postgres is Stalled (RetriesExceeded: Failed to upgrade after 1 attempt(s))")
        .endsWith("; rolling back");
    assertThat(rollback.getStatus().phase())
        .as(rollback.getStatus().message())
        .isEqualTo("Completed");
    assertThat(cluster.git.read(BRANCH, DB_FILE)).contains("version: \"1.0.0\"");
    assertThat(new String(cluster.storage.files().read(DB_PVC, "PG_VERSION"), UTF_8))
        .isEqualTo("15\n");
    assertThat(apps.suspended("db")).isFalse();
    List<Map<String, Object>> history =
        cluster
            .flux("helm.toolkit.fluxcd.io/v2", "HelmRelease", DB_NAMESPACE, DB)
            .get()
            .get("status", "history");
    assertThat(history.get(0))
        .containsEntry("chartVersion", "1.0.0")
        .containsEntry("status", "deployed");
    assertThat(history)
        .filteredOn(release -> PostgresChart.BROKEN_VERSION.equals(release.get("chartVersion")))
        .as(
            "the HelmRelease stayed suspended until the revert reached it: the broken upgrade was not tried again on the restored volume")
        .hasSize(1);
  }

  @Test
  void aFailedHealthCheckRollsBackTheVolumeAndTheCommitByItself() {
    apps.web("1.0.0", HEALTH_CHECK_WAITED_OUT, true);
    cluster.storage.files().write(WEB_PVC, "db/state", "before the upgrade".getBytes(UTF_8));

    requests.upgrade(WEB_NAMESPACE, "to-broken", WEB, BROKEN_TAG, false, false);
    await(requests.upgrade(WEB_NAMESPACE, "to-broken"), inPhase("HealthCheck"), OPERATION);
    // The broken version gets as far as writing to its volume before it crash-loops.
    cluster
        .storage
        .files()
        .write(WEB_PVC, "db/state", "written by the broken version".getBytes(UTF_8));

    UpgradeRequest failed =
        await(requests.upgrade(WEB_NAMESPACE, "to-broken"), finished(), OPERATION);
    assertThat(failed.getStatus().phase()).isEqualTo("Failed");
    RollbackRequest rollback =
        await(requests.rollback(WEB_NAMESPACE, "to-broken-rollback"), finished(), OPERATION);

    assertThat(rollback.getStatus().phase())
        .as(rollback.getStatus().message())
        .isEqualTo("Completed");
    assertThat(rollback.getSpec().autoTriggered()).isTrue();
    assertThat(new String(cluster.storage.files().read(WEB_PVC, "db/state"), UTF_8))
        .isEqualTo("before the upgrade");
    assertThat(cluster.git.read(BRANCH, WEB_FILE)).isEqualTo(FleetApps.webKustomization("1.0.0"));
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(
            apps.awaitReady(WEB_NAMESPACE, WEB)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("web:1.0.0");
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
    // The app's status follows the rollback as it happens, well before its 30 s refresh, and says
    // why git holds the version from before the upgrade.
    AwaitCondition.until(
        cluster
            .client
            .resources(io.harbormaster.api.crd.ManagedApp.class)
            .inNamespace(WEB_NAMESPACE)
            .withName(WEB),
        app ->
            app.getStatus() != null
                && "1.0.0".equals(app.getStatus().currentVersion())
                && "to-broken: Failed, rolled back by to-broken-rollback"
                    .equals(app.getStatus().lastUpgrade()),
        Duration.ofSeconds(15));
  }

  @Test
  void anAutoRollbackGoesBeforeAnUpgradeQueuedWhileItsUpgradeWasFailing() {
    apps.web("1.0.0", HEALTH_CHECK_WAITED_OUT, true);
    requests.upgrade(WEB_NAMESPACE, "to-broken", WEB, BROKEN_TAG, false, false);
    await(requests.upgrade(WEB_NAMESPACE, "to-broken"), inPhase("HealthCheck"), OPERATION);
    requests.upgrade(WEB_NAMESPACE, "next", WEB, "1.1.0", false, false);

    UpgradeRequest next = await(requests.upgrade(WEB_NAMESPACE, "next"), finished(), OPERATION);
    RollbackRequest rollback = requests.rollback(WEB_NAMESPACE, "to-broken-rollback").get();

    assertThat(rollback.getStatus().phase())
        .as(rollback.getStatus().message())
        .isEqualTo("Completed");
    assertThat(next.getStatus().phase()).as(next.getStatus().message()).isEqualTo("Completed");
    // The queued upgrade started from the restored app, not from the broken version.
    assertThat(next.getStatus().versionChanges())
        .singleElement()
        .satisfies(
            change -> assertThat(change.from() + " -> " + change.to()).isEqualTo("1.0.0 -> 1.1.0"));
    assertThat(cluster.git.read(BRANCH, WEB_FILE)).isEqualTo(FleetApps.webKustomization("1.1.0"));
  }

  @Test
  void aSecondRollbackOfAnUpgradeAlreadyRolledBackIsRefusedAndTouchesNothing() {
    apps.web("1.0.0", HEALTH_CHECK_WAITED_OUT, true);
    requests.upgrade(WEB_NAMESPACE, "to-broken", WEB, BROKEN_TAG, false, false);
    await(requests.rollback(WEB_NAMESPACE, "to-broken-rollback"), finished(), OPERATION);
    cluster
        .storage
        .files()
        .write(WEB_PVC, "db/state", "written after the rollback".getBytes(UTF_8));
    int commits = cluster.git.log(BRANCH).size();

    requests.rollback(WEB_NAMESPACE, "again", "to-broken");
    RollbackRequest again = await(requests.rollback(WEB_NAMESPACE, "again"), finished(), OPERATION);

    assertThat(again.getStatus().phase()).isEqualTo("Failed");
    assertThat(again.getStatus().message())
        .startsWith("upgrade apps/to-broken was already rolled back by apps/to-broken-rollback");
    assertThat(new String(cluster.storage.files().read(WEB_PVC, "db/state"), UTF_8))
        .isEqualTo("written after the rollback");
    assertThat(cluster.git.log(BRANCH)).hasSize(commits);
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void aRollbackOfAnUpgradeALaterOneMovedOnIsRefusedBeforeAnyVolumeIsRestored() {
    apps.web("1.0.0", "1m", true);
    upgradeTo("first", "1.1.0");
    upgradeTo("second", "1.2.0");
    cluster.storage.files().write(WEB_PVC, "db/state", "written under 1.2.0".getBytes(UTF_8));
    int commits = cluster.git.log(BRANCH).size();

    requests.rollback(WEB_NAMESPACE, "undo-first", "first");
    RollbackRequest refused =
        await(requests.rollback(WEB_NAMESPACE, "undo-first"), finished(), OPERATION);

    assertThat(refused.getStatus().phase()).isEqualTo("Failed");
    assertThat(refused.getStatus().failedIn()).isEqualTo("Pending");
    assertThat(refused.getStatus().message())
        .contains("is now '1.2.0'")
        .contains("resolve it by hand");
    assertThat(new String(cluster.storage.files().read(WEB_PVC, "db/state"), UTF_8))
        .isEqualTo("written under 1.2.0");
    assertThat(cluster.git.log(BRANCH)).hasSize(commits);
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void aNewOperatorFinishesWhatAStoppedOneStartedWithOneCommitAndOneSnapshot() {
    apps.web("1.0.0", "1m", true);
    // The snapshot driver fails for now, so the operation is held in Snapshot when its operator
    // stops.
    cluster.storage.snapshots().failSnapshotsOf(WEB_PVC, "simulated: the storage backend is busy");

    requests.upgrade(WEB_NAMESPACE, "to-1-1", WEB, "1.1.0", false, false);
    await(requests.upgrade(WEB_NAMESPACE, "to-1-1"), inPhase("Snapshot"), OPERATION);
    AwaitCondition.until(
        volumeSnapshots().inNamespace(WEB_NAMESPACE).withName(snapshotName()),
        snapshot -> snapshot != null && snapshot.get("status", "error") != null,
        WAIT);
    cluster.stopOperator();
    cluster.storage.snapshots().recoverSnapshotsOf(WEB_PVC);
    cluster.startOperator();

    UpgradeRequest done = await(requests.upgrade(WEB_NAMESPACE, "to-1-1"), finished(), OPERATION);

    assertCompletedOnceWithTheAppBack(done);
  }

  /**
   * The operator stops the moment its request reaches a phase (whatever the step was doing) and a
   * new one finishes the upgrade: one commit, one snapshot, Flux resumed, replicas back, in every
   * phase.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "Pending",
        "Suspend",
        "ScaleDown",
        "Snapshot",
        "GitCommit",
        "Reconcile",
        "HealthCheck"
      })
  void anOperatorStoppedInAnyPhaseIsFinishedByTheNextWithoutDuplicates(String phase) {
    apps.web("1.0.0", "1m", true);
    cluster.stopOperator();
    requests.upgrade(WEB_NAMESPACE, "to-1-1", WEB, "1.1.0", false, false);
    cluster.startOperator();
    await(
        requests.upgrade(WEB_NAMESPACE, "to-1-1"),
        r ->
            r.getStatus() != null && phases(r).contains(phase)
                || inPhase(phase).test(r)
                || finished().test(r),
        OPERATION);
    cluster.stopOperator();
    cluster.startOperator();

    UpgradeRequest done = await(requests.upgrade(WEB_NAMESPACE, "to-1-1"), finished(), OPERATION);

    assertCompletedOnceWithTheAppBack(done);
  }

  @Test
  void someoneResumingFluxMidOperationStopsItAndPutsTheAppBack() {
    apps.web("1.0.0", "1m", true);
    // Held in Snapshot while someone runs `flux resume kustomization web`.
    cluster.storage.snapshots().failSnapshotsOf(WEB_PVC, "simulated: the storage backend is busy");
    requests.upgrade(WEB_NAMESPACE, "to-1-1", WEB, "1.1.0", false, false);
    await(requests.upgrade(WEB_NAMESPACE, "to-1-1"), inPhase("Snapshot"), OPERATION);

    cluster
        .flux(
            "kustomize.toolkit.fluxcd.io/v1", "Kustomization", OperatorCluster.FLUX_NAMESPACE, WEB)
        .edit(
            kustomization -> {
              @SuppressWarnings("unchecked")
              java.util.Map<String, Object> spec =
                  (java.util.Map<String, Object>)
                      kustomization.getAdditionalProperties().get("spec");
              spec.put("suspend", false);
              return kustomization;
            });
    UpgradeRequest failed =
        await(
            requests.upgrade(WEB_NAMESPACE, "to-1-1"),
            r -> finished().test(r) && Boolean.TRUE.equals(r.getStatus().settled()),
            OPERATION);

    assertThat(failed.getStatus().phase()).isEqualTo("Failed");
    assertThat(failed.getStatus().message()).contains("resumed by someone else");
    assertThat(cluster.git.read(BRANCH, WEB_FILE)).isEqualTo(FleetApps.webKustomization("1.0.0"));
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(apps.awaitReady(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void aCommitPushedJustBeforeItsOperatorDiedIsNotMadeAgain() throws InterruptedException {
    apps.web("1.0.0", "1m", true);
    CountDownLatch pushed = new CountDownLatch(1);
    CountDownLatch dead = new CountDownLatch(1);
    // The push lands on the server, but its operator dies before it hears back and records the
    // commit.
    cluster.gitServer.onPreReceive(
        (receive, commands) -> {
          commands.forEach(command -> command.execute(receive));
          pushed.countDown();
          awaitQuietly(dead);
        });

    requests.upgrade(WEB_NAMESPACE, "to-1-1", WEB, "1.1.0", false, false);
    assertThat(pushed.await(OPERATION.toSeconds(), TimeUnit.SECONDS))
        .as("the upgrade pushed its commit")
        .isTrue();
    cluster.killOperator(dead::countDown);
    cluster.gitServer.onPreReceive(PreReceiveHook.NULL);
    assertThat(requests.upgrade(WEB_NAMESPACE, "to-1-1").get().getStatus().commitId()).isNull();
    cluster.startOperator();

    UpgradeRequest done = await(requests.upgrade(WEB_NAMESPACE, "to-1-1"), finished(), OPERATION);

    assertThat(done.getStatus().phase()).as(done.getStatus().message()).isEqualTo("Completed");
    List<RevCommit> upgrades =
        cluster.git.log(BRANCH).stream()
            .filter(
                commit -> commit.getFullMessage().contains("Harbormaster-Operation: apps/to-1-1"))
            .toList();
    assertThat(upgrades)
        .singleElement()
        .satisfies(commit -> assertThat(commit.getName()).isEqualTo(done.getStatus().commitId()));
    assertThat(cluster.git.read(BRANCH, WEB_FILE)).isEqualTo(FleetApps.webKustomization("1.1.0"));
    assertThat(apps.snapshotsOf(WEB_PVC)).hasSize(1);
    assertThat(
            apps.awaitReady(WEB_NAMESPACE, WEB)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("web:1.1.0");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(OPERATION.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String snapshotName() {
    return AwaitCondition.until(
            requests.upgrade(WEB_NAMESPACE, "to-1-1"),
            r -> r.getStatus().snapshots() != null && !r.getStatus().snapshots().isEmpty(),
            WAIT)
        .getStatus()
        .snapshots()
        .get(0)
        .snapshot()
        .name();
  }

  private MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      volumeSnapshots() {
    return cluster.client.genericKubernetesResources(
        VolumeSnapshotCrd.API_VERSION, VolumeSnapshotCrd.KIND);
  }

  /**
   * The web upgrade to-1-1 completed with one commit and one snapshot, Flux resumed, its replica
   * back.
   */
  private void assertCompletedOnceWithTheAppBack(UpgradeRequest done) {
    assertThat(done.getStatus().phase()).as(done.getStatus().message()).isEqualTo("Completed");
    assertThat(cluster.git.log(BRANCH))
        .filteredOn(
            commit -> commit.getFullMessage().contains("Harbormaster-Operation: apps/to-1-1"))
        .hasSize(1);
    assertThat(apps.snapshotsOf(WEB_PVC)).hasSize(1);
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(apps.awaitReady(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
  }
}
