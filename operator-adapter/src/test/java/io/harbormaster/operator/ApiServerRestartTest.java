package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.FleetApps.WEB_PVC;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static io.harbormaster.operator.Requests.inPhase;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.storage.VolumeSnapshotCrd;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real API server's process is killed in the middle of an upgrade and started again on the same
 * etcd: the operator's watches and the simulated controllers reconnect, and the upgrade ends as it
 * would have, with one commit and one snapshot.
 */
class ApiServerRestartTest {
  private static final Duration OPERATION = Duration.ofMinutes(2);
  private static final String REQUEST = "across-restart";

  @TempDir Path work;

  @Test
  void anUpgradeHeldInSnapshotWhileTheApiServerRestartsCompletesOnceWithTheAppBack() {
    try (OperatorCluster cluster = new OperatorCluster(work, ApiServerKind.REAL)) {
      FleetApps apps = new FleetApps(cluster);
      Requests requests = new Requests(cluster.client);
      apps.web("1.0.0", "1m", true);
      // The snapshot driver fails for now, so the upgrade is surely mid-flight when the server
      // goes.
      cluster
          .storage
          .snapshots()
          .failSnapshotsOf(WEB_PVC, "simulated: the storage backend is busy");
      requests.upgrade(WEB_NAMESPACE, REQUEST, WEB, "1.1.0", false, false);
      UpgradeRequest inSnapshot =
          await(
              requests.upgrade(WEB_NAMESPACE, REQUEST),
              r ->
                  inPhase("Snapshot").test(r)
                      && r.getStatus().snapshots() != null
                      && !r.getStatus().snapshots().isEmpty(),
              OPERATION);
      String snapshot = inSnapshot.getStatus().snapshots().get(0).snapshot().name();
      AwaitCondition.until(
          cluster
              .client
              .genericKubernetesResources(VolumeSnapshotCrd.API_VERSION, VolumeSnapshotCrd.KIND)
              .inNamespace(WEB_NAMESPACE)
              .withName(snapshot),
          s -> s != null && s.get("status", "error") != null,
          OPERATION);

      cluster.sandbox.apiServer().real().orElseThrow().restart();
      cluster.storage.snapshots().recoverSnapshotsOf(WEB_PVC);
      UpgradeRequest done = await(requests.upgrade(WEB_NAMESPACE, REQUEST), finished(), OPERATION);

      assertThat(done.getStatus().phase()).as(done.getStatus().message()).isEqualTo("Completed");
      assertThat(apps.commitsFor(WEB_NAMESPACE, REQUEST)).hasSize(1);
      assertThat(apps.snapshotsOf(WEB_PVC)).hasSize(1);
      assertThat(apps.suspended(WEB)).isFalse();
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
  }
}
