package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.OperatorCluster.BRANCH;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.api.crd.UpgradeRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app whose Kustomization applies from a Bucket: its revision digests the bucket's contents and
 * names no commit, so Harbormaster could never tell its commit was applied; it refuses before
 * anything stops.
 */
@Tag("both-api-servers")
class BucketSourcedAppTest {
  private static final Duration OPERATION = Duration.ofSeconds(60);

  @TempDir Path work;
  private OperatorCluster cluster;
  private FleetApps apps;

  @BeforeEach
  void start() {
    cluster = new OperatorCluster(work);
    apps = new FleetApps(cluster);
    apps.webFromBucket("1.0.0");
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void anUpgradeIsRefusedInPendingNamingTheKustomizationAndTheBucketAndTouchesNothing() {
    ObjectId tip = cluster.git.tip(BRANCH);
    Requests requests = new Requests(cluster.client);

    requests.upgrade(WEB_NAMESPACE, "to-1-1", WEB, "1.1.0", false, false);
    UpgradeRequest refused =
        await(requests.upgrade(WEB_NAMESPACE, "to-1-1"), finished(), OPERATION);

    assertThat(refused.getStatus().phase()).isEqualTo("Failed");
    assertThat(refused.getStatus().failedIn()).isEqualTo("Pending");
    assertThat(refused.getStatus().message())
        .startsWith(
            "Kustomization flux-system/web applies from Bucket flux-system/web, whose revisions"
                + " are digests of its contents that name no git commit")
        .contains("apply the app from a GitRepository");
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
    assertThat(apps.snapshotsOf(FleetApps.WEB_PVC)).isEmpty();
    assertThat(cluster.git.tip(BRANCH)).as("nothing committed").isEqualTo(tip);
  }
}
