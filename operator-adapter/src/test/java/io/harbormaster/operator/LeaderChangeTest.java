package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.FleetApps.WEB_PVC;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static io.harbormaster.operator.Requests.inPhase;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.operator.OperatorCluster.Replica;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import io.harbormaster.sandbox.await.AwaitCondition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the operator under deploy/'s RBAC on a real API server, as deploy/ runs them: the
 * leader dies in the middle of an upgrade, the other takes the Lease and finishes it, with one
 * commit and one snapshot.
 */
class LeaderChangeTest {
  private static final Duration OPERATION = Duration.ofMinutes(2);
  private static final String REQUEST = "across-leaders";

  @TempDir Path work;

  @Test
  void theSecondReplicaTakesOverFromADeadLeaderAndFinishesItsUpgrade() {
    try (OperatorCluster cluster = new OperatorCluster(work, ApiServerKind.REAL)) {
      FleetApps apps = new FleetApps(cluster);
      Requests requests = new Requests(cluster.client);
      apps.web("1.0.0", "1m", true);
      cluster.stopOperator();
      List<Replica> replicas =
          List.of(cluster.startReplica("replica-a"), cluster.startReplica("replica-b"));
      Resource<Lease> lease =
          cluster
              .client
              .leases()
              .inNamespace(OperatorCluster.LEASE_NAMESPACE)
              .withName(HarbormasterOperator.LEASE);
      String leader =
          AwaitCondition.until(
                  lease, l -> l != null && l.getSpec().getHolderIdentity() != null, OPERATION)
              .getSpec()
              .getHolderIdentity();
      try {
        // Held in Snapshot (the driver fails for now) so the leader surely dies mid-upgrade.
        cluster
            .storage
            .snapshots()
            .failSnapshotsOf(WEB_PVC, "simulated: the storage backend is busy");
        requests.upgrade(WEB_NAMESPACE, REQUEST, WEB, "1.1.0", false, false);
        await(requests.upgrade(WEB_NAMESPACE, REQUEST), inPhase("Snapshot"), OPERATION);

        replicas.stream()
            .filter(replica -> replica.identity().equals(leader))
            .findFirst()
            .orElseThrow()
            .kill();
        cluster.storage.snapshots().recoverSnapshotsOf(WEB_PVC);
        UpgradeRequest done =
            await(requests.upgrade(WEB_NAMESPACE, REQUEST), finished(), OPERATION);

        assertThat(done.getStatus().phase()).as(done.getStatus().message()).isEqualTo("Completed");
        assertThat(lease.get().getSpec().getHolderIdentity())
            .as("the new leader")
            .isNotEqualTo(leader);
        assertThat(apps.commitsFor(WEB_NAMESPACE, REQUEST)).hasSize(1);
        assertThat(apps.snapshotsOf(WEB_PVC)).hasSize(1);
        assertThat(apps.suspended(WEB)).isFalse();
        assertThat(apps.awaitReady(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
      } finally {
        replicas.stream()
            .filter(replica -> !replica.identity().equals(leader))
            .forEach(Replica::kill);
      }
    }
  }
}
