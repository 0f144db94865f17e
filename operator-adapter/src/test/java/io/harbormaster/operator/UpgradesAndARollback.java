package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.DB;
import static io.harbormaster.operator.FleetApps.DB_NAMESPACE;
import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * The scenario a deployed operator mode must pass: a HelmRelease app's upgrade, and a Kustomization
 * app's upgrade to a broken version rolled back by itself, both ending as they should.
 */
final class UpgradesAndARollback {
  private static final Duration OPERATION = Duration.ofSeconds(90);

  private UpgradesAndARollback() {}

  static void run(OperatorCluster cluster) {
    FleetApps apps = new FleetApps(cluster);
    Requests requests = new Requests(cluster.client);
    apps.web("1.0.0", "15s", true);
    apps.postgres("1.0.0", 1);

    requests.upgrade(DB_NAMESPACE, "to-1-1", DB, "1.1.0", false, false);
    requests.upgrade(WEB_NAMESPACE, "to-broken", WEB, OperatorCluster.BROKEN_TAG, false, false);

    assertThat(
            await(requests.upgrade(DB_NAMESPACE, "to-1-1"), finished(), OPERATION)
                .getStatus()
                .phase())
        .isEqualTo("Completed");
    assertThat(
            await(requests.rollback(WEB_NAMESPACE, "to-broken-rollback"), finished(), OPERATION)
                .getStatus()
                .phase())
        .isEqualTo("Completed");
  }
}
