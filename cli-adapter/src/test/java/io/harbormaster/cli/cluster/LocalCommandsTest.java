package io.harbormaster.cli.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.cli.cluster.HmOnSandbox.Result;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * upgrade and rollback on a cluster without an operator: {@code --local} runs the phase machines
 * from the CLI.
 */
@Tag("both-api-servers")
class LocalCommandsTest {
  @TempDir Path work;
  private HmOnSandbox cluster;

  @BeforeEach
  void start() {
    cluster = HmOnSandbox.start(work);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aLocalUpgradeRunsEveryPhaseAndKeepsTheRequestsStatusAsTheOperatorWould() {
    cluster.web("1.0.0", "1m");

    Result upgrade = cluster.hmLocal("upgrade", "web", "--to", "1.1.0", "--name", "to-1-1");

    assertThat(upgrade.code()).as(upgrade.toString()).isZero();
    assertThat(upgrade.out())
        .startsWith("upgraderequest.harbormaster.io/to-1-1 created\n")
        .containsSubsequence(
            "Pending",
            "Suspend",
            "ScaleDown",
            "Snapshot",
            "GitCommit",
            "Reconcile",
            "HealthCheck",
            "Completed")
        .contains("PHASE          DURATION  WHAT WAS DONE");
    assertThat(fleetFile()).isEqualTo(SampleApps.webKustomization("1.1.0"));
    UpgradeRequest request =
        cluster.client.resources(UpgradeRequest.class).inNamespace("apps").withName("to-1-1").get();
    assertThat(request.getStatus().phase()).isEqualTo("Completed");
    assertThat(request.getStatus().settled()).isTrue();
    assertThat(request.getStatus().conditions())
        .extracting(Condition::getType, Condition::getStatus)
        .contains(
            org.assertj.core.groups.Tuple.tuple("Completed", "True"),
            org.assertj.core.groups.Tuple.tuple("Running", "False"));
    assertThat(cluster.sandbox.suspended(SampleApps.WEB)).isFalse();

    Result rollback = cluster.hmLocal("rollback", "to-1-1", "--name", "undo");

    assertThat(rollback.code()).as(rollback.toString()).isZero();
    assertThat(rollback.out())
        .startsWith("rollbackrequest.harbormaster.io/undo created\n")
        .containsSubsequence("VolumeRestore", "GitRevert", "Completed");
    assertThat(fleetFile()).isEqualTo(SampleApps.webKustomization("1.0.0"));

    Result again = cluster.hmLocal("rollback", "to-1-1", "--name", "undo-again");

    assertThat(again.code()).as(again.toString()).isEqualTo(1);
    assertThat(again.out())
        .contains("upgrade apps/to-1-1 was already rolled back by apps/undo")
        .doesNotContain("VolumeRestore");
  }

  @Test
  void aBrokenLocalUpgradeRollsBackRestoringTheVolumesBytesAndTheCommit() {
    cluster.web("1.0.0", "4s");
    cluster
        .sandbox
        .storage()
        .files()
        .write(SampleApps.WEB_PVC, "db/state", "before the upgrade".getBytes(UTF_8));

    CompletableFuture<Result> upgrade =
        CompletableFuture.supplyAsync(
            () ->
                cluster.hmLocal(
                    "upgrade", "web", "--to", HmOnSandbox.BROKEN_TAG, "--name", "to-broken"));
    AwaitCondition.until(
        cluster.client.resources(UpgradeRequest.class).inNamespace("apps").withName("to-broken"),
        request ->
            request != null
                && request.getStatus() != null
                && "HealthCheck".equals(request.getStatus().phase()),
        Duration.ofSeconds(60));
    // The broken version gets as far as writing to its volume before it crash-loops.
    cluster
        .sandbox
        .storage()
        .files()
        .write(SampleApps.WEB_PVC, "db/state", "written by the broken version".getBytes(UTF_8));
    Result result = upgrade.join();

    assertThat(result.code()).as(result.toString()).isEqualTo(1);
    assertThat(result.out())
        .containsSubsequence(
            "HealthCheck",
            "Failed",
            "Rollback apps/to-broken-rollback (auto-triggered by the failed upgrade)",
            "VolumeRestore",
            "GitRevert",
            "Completed");
    assertThat(
            new String(
                cluster.sandbox.storage().files().read(SampleApps.WEB_PVC, "db/state"), UTF_8))
        .isEqualTo("before the upgrade");
    assertThat(fleetFile()).isEqualTo(SampleApps.webKustomization("1.0.0"));
    RollbackRequest rollback =
        cluster
            .client
            .resources(RollbackRequest.class)
            .inNamespace("apps")
            .withName("to-broken-rollback")
            .get();
    assertThat(rollback.getSpec().autoTriggered()).isTrue();
    assertThat(rollback.getStatus().phase()).isEqualTo("Completed");
    assertThat(cluster.sandbox.suspended(SampleApps.WEB)).isFalse();
  }

  @Test
  void aLocalUpgradeToAChartVersionTheRepositoryDoesNotListEndsInPendingWithTheDatabaseRunning() {
    cluster.postgres("1.0.0", 1);
    List<Integer> replicasSeen = new CopyOnWriteArrayList<>();
    try (Watch watch =
        cluster
            .client
            .apps()
            .statefulSets()
            .inNamespace(SampleApps.DB_NAMESPACE)
            .withName(SampleApps.DB)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, StatefulSet statefulSet) {
                    replicasSeen.add(statefulSet.getSpec().getReplicas());
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {

      Result upgrade =
          cluster.hmLocal(
              "upgrade", "postgres", "-n", "db", "--to", PostgresChart.UNPUBLISHED_VERSION);

      assertThat(upgrade.code()).as(upgrade.toString()).isEqualTo(1);
      assertThat(upgrade.out())
          .contains(
              "the target does not exist: chart 'postgres' " + PostgresChart.UNPUBLISHED_VERSION)
          .contains("Nothing was stopped")
          .doesNotContain("ScaleDown");
      assertThat(upgrade.err()).doesNotContain("Exception");
    }
    assertThat(replicasSeen)
        .as("replicas of the StatefulSet, as a watch saw them")
        .doesNotContain(0);
    assertThat(
            cluster
                .client
                .apps()
                .statefulSets()
                .inNamespace(SampleApps.DB_NAMESPACE)
                .withName(SampleApps.DB)
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(1);
    assertThat(cluster.sandbox.suspended("db")).isFalse();
  }

  @Test
  void aLocalUpgradeWaitsItsTurnBehindARequestAlreadyRunningOnTheApp() throws InterruptedException {
    cluster.web("1.0.0", "1m");
    // Another request of the app, running: as an operator or another hm --local run leaves it
    // mid-way.
    cluster
        .client
        .resource(
            cluster
                .client
                .getKubernetesSerialization()
                .unmarshal(
                    """
        apiVersion: harbormaster.io/v1alpha1
        kind: UpgradeRequest
        metadata:
          name: holder
          namespace: apps
        spec:
          app: web
          target:
            version: 2.0.0
        """,
                    UpgradeRequest.class))
        .create();
    setStatus("holder", "{\"phase\": \"Snapshot\"}");

    CompletableFuture<Result> upgrade =
        CompletableFuture.supplyAsync(
            () -> cluster.hmLocal("upgrade", "web", "--to", "1.1.0", "--name", "behind"));
    AwaitCondition.until(
        cluster.client.resources(UpgradeRequest.class).inNamespace("apps").withName("behind"),
        r -> r != null,
        Duration.ofSeconds(30));
    // "Nothing starts while the app is held" is a negative: it needs a window, longer than the
    // local run's look at the queue (every second) and than its start would take if it did not
    // wait.
    Thread.sleep(3000);
    assertThat(cluster.sandbox.suspended(SampleApps.WEB))
        .as("nothing done while another request holds the app")
        .isFalse();
    Instant released = Instant.now();
    setStatus("holder", "{\"phase\": \"Completed\", \"settled\": true}");
    Result result = upgrade.join();

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains(
            "apps/behind waits for UpgradeRequest apps/holder (phase Snapshot): one operation at a time on ManagedApp apps/web")
        .containsSubsequence("waits for UpgradeRequest apps/holder", "Suspend", "Completed");
    UpgradeRequest behind =
        cluster.client.resources(UpgradeRequest.class).inNamespace("apps").withName("behind").get();
    assertThat(Instant.parse(behind.getStatus().history().get(0).startedAt()))
        .as("nothing started while another request held the app")
        .isAfterOrEqualTo(released);
  }

  @Test
  void waitingForAnOperatorThatIsNotThereTimesOutWithExitFive() {
    cluster.web("1.0.0", "1m");

    Result result =
        cluster.hm(
            "upgrade", "web", "--to", "1.1.0", "--wait", "--timeout", "1s", "--name", "nobody");

    assertThat(result.code()).as(result.toString()).isEqualTo(5);
    assertThat(result.out()).startsWith("upgraderequest.harbormaster.io/nobody created\n");
    assertThat(result.err())
        .isEqualTo(
            "error: UpgradeRequest apps/nobody is still in phase Pending (not started by an operator) after 1s:"
                + " follow it with 'hm status nobody -n apps --watch'\n");
  }

  private void setStatus(String upgrade, String statusJson) {
    cluster
        .client
        .resources(UpgradeRequest.class)
        .inNamespace("apps")
        .withName(upgrade)
        .subresource("status")
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON),
            "[{\"op\": \"add\", \"path\": \"/status\", \"value\": " + statusJson + "}]");
  }

  private String fleetFile() {
    return cluster.sandbox.fleet().read(SandboxCluster.BRANCH, SampleApps.WEB_FILE);
  }
}
