package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.DB;
import static io.harbormaster.operator.FleetApps.DB_FILE;
import static io.harbormaster.operator.FleetApps.DB_NAMESPACE;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.cluster.SampleApps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HelmRelease whose helm-controller would roll a failed upgrade back by itself (its git spec sets
 * upgrade remediation retries): the upgrade is refused in Pending, saying what to change, before
 * anything is suspended, stopped or committed.
 */
@Tag("both-api-servers")
class HelmRemediationTest {
  private static final Duration OPERATION = Duration.ofSeconds(90);

  @TempDir Path work;
  private OperatorCluster cluster;
  private FleetApps apps;

  @BeforeEach
  void start() {
    cluster = new OperatorCluster(work);
    apps = new FleetApps(cluster);
    apps.postgres("1.0.0", 1);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void anUpgradeOfAReleaseHelmControllerWouldRemediateItselfIsRefusedBeforeAnythingStops() {
    String release = cluster.git.read(OperatorCluster.BRANCH, DB_FILE);
    cluster.git.commit(
        OperatorCluster.BRANCH,
        Map.of(
            DB_FILE,
            release.replace(
                "  interval: 10m\n",
                "  interval: 10m\n  upgrade:\n    remediation:\n      retries: 3\n")),
        "let helm-controller retry and roll back");
    cluster.sandbox.fetchFleet();
    Resource<GenericKubernetesResource> helmRelease =
        cluster.flux("helm.toolkit.fluxcd.io/v2", "HelmRelease", DB_NAMESPACE, DB);
    AwaitCondition.until(
        helmRelease,
        object -> object != null && object.get("spec", "upgrade", "remediation", "retries") != null,
        FleetApps.WAIT);
    ObjectId tip = cluster.git.tip(OperatorCluster.BRANCH);

    new Requests(cluster.client).upgrade(DB_NAMESPACE, "to-1-1", DB, "1.1.0", false, false);
    UpgradeRequest refused =
        await(new Requests(cluster.client).upgrade(DB_NAMESPACE, "to-1-1"), finished(), OPERATION);

    assertThat(refused.getStatus().phase()).isEqualTo("Failed");
    assertThat(refused.getStatus().failedIn()).isEqualTo("Pending");
    assertThat(refused.getStatus().message())
        .startsWith(
            "HelmRelease db/postgres (spec.upgrade.remediation.retries: 3, strategy rollback) would remediate a failed upgrade")
        .contains("set spec.upgrade.remediation.retries to 0 in git");
    assertThat(apps.suspended(SampleApps.DB_KUSTOMIZATION)).isFalse();
    assertThat(apps.statefulSet(DB_NAMESPACE, DB).getSpec().getReplicas()).isEqualTo(1);
    assertThat(cluster.git.tip(OperatorCluster.BRANCH)).as("nothing committed").isEqualTo(tip);
  }
}
