package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.DB;
import static io.harbormaster.operator.FleetApps.DB_FILE;
import static io.harbormaster.operator.FleetApps.DB_NAMESPACE;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HelmRelease under a Kustomization that waits on what it applies ({@code spec.wait}): the
 * Kustomization records the commit applied only once its health checks pass, so a HelmRelease that
 * stalls under it is seen through its own conditions while the Kustomization still checks, and the
 * rollback resumes the HelmRelease only once the Kustomization applied the revert to it.
 */
@Tag("both-api-servers")
class HealthCheckedKustomizationTest {
  /** Helm's wait, the health checks that outlast it, and a rollback. */
  private static final Duration OPERATION = Duration.ofMinutes(4);

  @TempDir Path work;
  private OperatorCluster cluster;
  private FleetApps apps;
  private Requests requests;

  @BeforeEach
  void start() {
    cluster = new OperatorCluster(work);
    apps = new FleetApps(cluster, FleetApps.HELM_TIMEOUT_WAITED_OUT);
    requests = new Requests(cluster.client);
    apps.postgres("1.0.0", 1);
    Resource<GenericKubernetesResource> db =
        cluster.flux(
            "kustomize.toolkit.fluxcd.io/v1",
            "Kustomization",
            OperatorCluster.FLUX_NAMESPACE,
            SampleApps.DB_KUSTOMIZATION);
    db.edit(
        kustomization -> {
          Map<String, Object> spec = kustomization.get("spec");
          spec.put("wait", true);
          // Well past Helm's wait, which the release fails first.
          spec.put("timeout", "15s");
          return kustomization;
        });
    AwaitCondition.until(
        db,
        kustomization -> "True".equals(FluxConditions.of(kustomization, "Healthy").get("status")),
        FleetApps.WAIT);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aReleaseThatStallsUnderTheHealthChecksFailsAtOnceAndIsRolledBack() {
    requests.upgrade(
        DB_NAMESPACE, "to-broken-chart", DB, PostgresChart.BROKEN_VERSION, false, false);
    UpgradeRequest failed =
        await(requests.upgrade(DB_NAMESPACE, "to-broken-chart"), finished(), OPERATION);
    RollbackRequest rollback =
        await(requests.rollback(DB_NAMESPACE, "to-broken-chart-rollback"), finished(), OPERATION);

    assertThat(failed.getStatus().phase()).isEqualTo("Failed");
    assertThat(failed.getStatus().failedIn()).isEqualTo("Reconcile");
    assertThat(failed.getStatus().message())
        .as(
            "seen while the Kustomization still waited on its health checks, long before its timeout")
        .startsWith(
            "Flux gave up: HelmRelease db/postgres is Stalled (RetriesExceeded: Failed to upgrade after 1 attempt(s))");
    assertThat(rollback.getStatus().phase())
        .as(rollback.getStatus().message())
        .isEqualTo("Completed");
    assertThat(cluster.git.read(OperatorCluster.BRANCH, DB_FILE)).contains("version: \"1.0.0\"");
    assertThat(
            apps.statefulSet(DB_NAMESPACE, DB)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("postgres:15.1");
  }
}
