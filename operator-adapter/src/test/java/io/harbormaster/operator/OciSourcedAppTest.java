package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_FILE;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.FleetApps.WEB_PVC;
import static io.harbormaster.operator.OperatorCluster.BRANCH;
import static io.harbormaster.operator.OperatorCluster.BROKEN_TAG;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app whose Kustomization applies from an OCIRepository that a CI pipeline publishes the fleet
 * to, seconds after each push ({@link io.harbormaster.sandbox.cluster.SampleApps#CI_DELAY}), while
 * the OCIRepository pulls only every hour unless asked: Harbormaster's commit reaches the cluster
 * only as an artifact published after it, and Harbormaster tells it was applied from the artifact's
 * origin revision.
 */
@Tag("both-api-servers")
class OciSourcedAppTest {
  private static final Duration OPERATION = Duration.ofMinutes(2);

  /**
   * The health-check timeout of the upgrade that never gets healthy: it waits it out, and the
   * rollback's healthy rollout takes well under a second in the sandbox, on either API server.
   */
  private static final String HEALTH_CHECK_WAITED_OUT = "5s";

  @TempDir Path work;
  private OperatorCluster cluster;
  private FleetApps apps;
  private Requests requests;

  @BeforeEach
  void start() {
    cluster = new OperatorCluster(work);
    apps = new FleetApps(cluster);
    requests = new Requests(cluster.client);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void anUpgradeCompletesOnceTheArtifactOfItsCommitIsApplied() {
    apps.webFromOci("1.0.0", "1m", true);

    requests.upgrade(WEB_NAMESPACE, "to-1-1", WEB, "1.1.0", false, false);
    UpgradeRequest done = await(requests.upgrade(WEB_NAMESPACE, "to-1-1"), finished(), OPERATION);

    assertThat(done.getStatus().phase()).as(done.getStatus().message()).isEqualTo("Completed");
    assertThat(apps.webImage()).isEqualTo("web:1.1.0");
    GenericKubernetesResource kustomization = kustomization();
    assertThat((Object) kustomization.get("status", "lastAppliedOriginRevision"))
        .isEqualTo("main@sha1:" + done.getStatus().commitId());
    assertThat((String) kustomization.get("status", "lastAppliedRevision"))
        .matches("latest@sha256:[0-9a-f]{64}");
    assertThat(apps.snapshotsOf(WEB_PVC)).hasSize(1);
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void aFailedUpgradeIsRolledBackOnceTheArtifactOfTheRevertIsApplied() {
    apps.webFromOci("1.0.0", HEALTH_CHECK_WAITED_OUT, true);

    requests.upgrade(WEB_NAMESPACE, "to-broken", WEB, BROKEN_TAG, false, false);
    UpgradeRequest failed =
        await(requests.upgrade(WEB_NAMESPACE, "to-broken"), finished(), OPERATION);
    RollbackRequest rollback =
        await(requests.rollback(WEB_NAMESPACE, "to-broken-rollback"), finished(), OPERATION);

    assertThat(failed.getStatus().phase()).isEqualTo("Failed");
    assertThat(failed.getStatus().failedIn()).isEqualTo("HealthCheck");
    assertThat(rollback.getStatus().phase())
        .as(rollback.getStatus().message())
        .isEqualTo("Completed");
    assertThat(cluster.git.read(BRANCH, WEB_FILE)).isEqualTo(FleetApps.webKustomization("1.0.0"));
    assertThat(apps.webImage()).isEqualTo("web:1.0.0");
    assertThat((Object) kustomization().get("status", "lastAppliedOriginRevision"))
        .as("the artifact of the revert")
        .isEqualTo("main@sha1:" + rollback.getStatus().commitId());
  }

  private GenericKubernetesResource kustomization() {
    return cluster
        .flux(
            "kustomize.toolkit.fluxcd.io/v1", "Kustomization", OperatorCluster.FLUX_NAMESPACE, WEB)
        .get();
  }
}
