package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.DB;
import static io.harbormaster.operator.FleetApps.DB_NAMESPACE;
import static io.harbormaster.operator.OperatorCluster.BRANCH;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app whose version is the image tag in a ConfigMap its HelmRelease reads through {@code
 * valuesFrom} (no watch label): Harbormaster commits the ConfigMap, not the HelmRelease, so the
 * HelmRelease's spec never changes and helm-controller reads the new tag only in a reconcile
 * Harbormaster causes after the Kustomization applied it. The upgrade completes only once the
 * release runs the new values.
 */
@Tag("both-api-servers")
class ValuesFromConfigMapTest {
  /** Helm's 30s wait for the broken tag, and a rollback. */
  private static final Duration OPERATION = Duration.ofMinutes(3);

  @TempDir Path work;
  private OperatorCluster cluster;
  private FleetApps apps;
  private Requests requests;

  @BeforeEach
  void start() {
    cluster = new OperatorCluster(work);
    // One test waits Helm's wait out.
    apps = new FleetApps(cluster, FleetApps.HELM_TIMEOUT_WAITED_OUT);
    requests = new Requests(cluster.client);
    apps.postgresTaggedByConfigMap("15.1");
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void anUpgradeOfTheTagInTheConfigMapCompletesOnceTheReleaseRunsIt() {
    requests.upgrade(DB_NAMESPACE, "to-15-2", DB, "15.2", false, false);
    UpgradeRequest done = await(requests.upgrade(DB_NAMESPACE, "to-15-2"), finished(), OPERATION);

    assertThat(done.getStatus().phase()).as(done.getStatus().message()).isEqualTo("Completed");
    assertThat(apps.dbImage())
        .as("rendered with the new values by then")
        .isEqualTo("postgres:15.2");
    assertThat(cluster.git.read(BRANCH, SampleApps.DB_IMAGE_FILE)).contains("tag: \"15.2\"");
    GenericKubernetesResource helmRelease = helmRelease();
    assertThat(helmRelease.<String>get("spec", "chart", "spec", "version"))
        .as("the HelmRelease's spec did not change")
        .isEqualTo("1.0.0");
    List<Map<String, Object>> history = helmRelease.get("status", "history");
    assertThat(history.get(0))
        .containsEntry("version", 2)
        .containsEntry("configDigest", helmRelease.get("status", "lastAttemptedConfigDigest"));
    assertThat((Object) helmRelease.get("status", "lastHandledReconcileAt"))
        .isEqualTo("harbormaster-" + done.getStatus().commitId());
  }

  @Test
  void aTagWhosePodsNeverGetReadyFailsOnceHelmGivesUpAndIsRolledBackToTheOldTag() {
    requests.upgrade(DB_NAMESPACE, "to-broken", DB, PostgresChart.CRASHING_TAG, false, false);
    UpgradeRequest failed =
        await(requests.upgrade(DB_NAMESPACE, "to-broken"), finished(), OPERATION);
    RollbackRequest rollback =
        await(requests.rollback(DB_NAMESPACE, "to-broken-rollback"), finished(), OPERATION);

    assertThat(failed.getStatus().phase()).isEqualTo("Failed");
    assertThat(failed.getStatus().failedIn()).isEqualTo("Reconcile");
    assertThat(failed.getStatus().message())
        .startsWith(
            "Flux gave up: HelmRelease db/postgres is Stalled (RetriesExceeded: Failed to upgrade after 1 attempt(s))");
    assertThat(rollback.getStatus().phase())
        .as(rollback.getStatus().message())
        .isEqualTo("Completed");
    assertThat(cluster.git.read(BRANCH, SampleApps.DB_IMAGE_FILE)).contains("tag: \"15.1\"");
    assertThat(apps.dbImage()).isEqualTo("postgres:15.1");
    List<Map<String, Object>> history = helmRelease().get("status", "history");
    assertThat(history.get(0))
        .as("helm-controller released the reverted ConfigMap's values")
        .containsEntry("status", "deployed")
        .containsEntry("configDigest", helmRelease().get("status", "lastAttemptedConfigDigest"));
  }

  private GenericKubernetesResource helmRelease() {
    return cluster.flux("helm.toolkit.fluxcd.io/v2", "HelmRelease", DB_NAMESPACE, DB).get();
  }
}
