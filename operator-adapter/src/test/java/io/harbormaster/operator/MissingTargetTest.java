package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.DB;
import static io.harbormaster.operator.FleetApps.DB_FILE;
import static io.harbormaster.operator.FleetApps.DB_NAMESPACE;
import static io.harbormaster.operator.FleetApps.DB_PVC;
import static io.harbormaster.operator.OperatorCluster.BRANCH;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static io.harbormaster.operator.Requests.inPhase;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target that does not exist: a chart version the HelmRepository's index does not list is refused
 * in Pending with the database never stopped, and one withdrawn after Pending looked fails
 * Reconcile as soon as source-controller gives up on it, not when the phase times out.
 */
@Tag("both-api-servers")
class MissingTargetTest {
  /**
   * Well inside Reconcile's timeout (10 minutes): reaching the end in time shows it was not waited
   * out.
   */
  private static final Duration OPERATION = Duration.ofSeconds(90);

  private static final String TYPO = "2.1O";

  @TempDir Path work;
  private OperatorCluster cluster;
  private FleetApps apps;
  private Requests requests;
  private final List<Integer> replicasSeen = new CopyOnWriteArrayList<>();
  private Watch replicaWatch;

  @BeforeEach
  void start() {
    cluster = new OperatorCluster(work);
    apps = new FleetApps(cluster);
    requests = new Requests(cluster.client);
    apps.postgres("1.0.0", 1);
    apps.awaitReady(DB_NAMESPACE, DB + "-backup");
    replicaWatch = watchReplicas();
  }

  @AfterEach
  void stop() {
    replicaWatch.close();
    cluster.close();
  }

  @Test
  void aChartVersionTheRepositoryDoesNotListIsRefusedInPendingAndTheDatabaseNeverStops() {
    ObjectId tip = cluster.git.tip(BRANCH);

    requests.upgrade(DB_NAMESPACE, "typo", DB, TYPO, false, false);
    UpgradeRequest refused = await(requests.upgrade(DB_NAMESPACE, "typo"), finished(), OPERATION);

    assertThat(refused.getStatus().phase()).isEqualTo("Failed");
    assertThat(refused.getStatus().failedIn()).isEqualTo("Pending");
    assertThat(refused.getStatus().message())
        .startsWith("the target does not exist: chart 'postgres' " + TYPO)
        .contains("HelmRepository")
        .contains("1.1.0")
        .contains("Nothing was stopped");
    assertThat(replicasSeen)
        .as("replicas of the StatefulSet, as the watch saw them")
        .doesNotContain(0);
    assertThat(apps.statefulSet(DB_NAMESPACE, DB).getSpec().getReplicas()).isEqualTo(1);
    assertThat(apps.suspended("db")).isFalse();
    assertThat(apps.snapshotsOf(DB_PVC)).isEmpty();
    assertThat(cluster.git.tip(BRANCH)).as("nothing committed").isEqualTo(tip);
  }

  @Test
  void
      aChartVersionWithdrawnAfterPendingFailsReconcileOnceSourceControllerGivesUpAndIsRolledBack() {
    cluster.sandbox.charts().publish(PostgresChart.NAME, PostgresChart.UNPUBLISHED_VERSION);

    requests.upgrade(DB_NAMESPACE, "yanked", DB, PostgresChart.UNPUBLISHED_VERSION, false, false);
    await(requests.upgrade(DB_NAMESPACE, "yanked"), inPhase("GitCommit"), OPERATION);
    cluster.sandbox.charts().withdraw(PostgresChart.NAME, PostgresChart.UNPUBLISHED_VERSION);
    UpgradeRequest failed = await(requests.upgrade(DB_NAMESPACE, "yanked"), finished(), OPERATION);
    RollbackRequest rollback =
        await(requests.rollback(DB_NAMESPACE, "yanked-rollback"), finished(), OPERATION);

    assertThat(failed.getStatus().phase()).isEqualTo("Failed");
    assertThat(failed.getStatus().failedIn()).isEqualTo("Reconcile");
    assertThat(failed.getStatus().message())
        .startsWith(
            "Flux cannot fetch the chart HelmRelease db/postgres asks for: HelmChart db/db-postgres"
                + " is Stalled (InvalidChartReference: ")
        .contains("no 'postgres' chart with version matching '" + PostgresChart.UNPUBLISHED_VERSION)
        .endsWith("; rolling back");
    assertThat(rollback.getStatus().phase())
        .as(rollback.getStatus().message())
        .isEqualTo("Completed");
    assertThat(cluster.git.read(BRANCH, DB_FILE)).contains("version: \"1.0.0\"");
    assertThat(apps.statefulSet(DB_NAMESPACE, DB).getSpec().getReplicas()).isEqualTo(1);
    assertThat(replicasSeen).as("the watch sees an upgrade stop the database").contains(0);
    assertThat(apps.suspended("db")).isFalse();
  }

  private Watch watchReplicas() {
    return cluster
        .client
        .apps()
        .statefulSets()
        .inNamespace(DB_NAMESPACE)
        .withName(DB)
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, StatefulSet statefulSet) {
                replicasSeen.add(statefulSet.getSpec().getReplicas());
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }
}
