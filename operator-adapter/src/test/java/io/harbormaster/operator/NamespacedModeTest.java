package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.DB;
import static io.harbormaster.operator.FleetApps.DB_NAMESPACE;
import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.sandbox.apiserver.AuditLog;
import io.harbormaster.sandbox.apiserver.RealApiServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator in namespaced mode, as {@code kubectl kustomize deploy/namespaced} deploys it on a real
 * API server: its ClusterRole granted by RoleBindings in the watched namespaces only, a StorageClass
 * read cluster-wide, HM_WATCH_NAMESPACES set. A Kustomization app's upgrade, a HelmRelease app's
 * upgrade and a failed upgrade's rollback end as they should, and the server refused none of its calls.
 */
class NamespacedModeTest {
  private static final Duration OPERATION = Duration.ofSeconds(90);

  @TempDir Path work;

  @Test
  void upgradesAndARollbackRunUnderTheNamespacedRoles() {
    // From before the operator starts: its informers' first lists must be allowed too.
    AuditLog audit = RealApiServer.shared().auditFromNow();
    try (OperatorCluster cluster = OperatorCluster.namespaced(work)) {
      FleetApps apps = new FleetApps(cluster);
      Requests requests = new Requests(cluster.client);
      apps.web("1.0.0", "15s", true);
      apps.postgres("1.0.0", 1);

      requests.upgrade(DB_NAMESPACE, "to-1-1", DB, "1.1.0", false, false);
      requests.upgrade(WEB_NAMESPACE, "to-broken", WEB, OperatorCluster.BROKEN_TAG, false, false);

      assertThat(await(requests.upgrade(DB_NAMESPACE, "to-1-1"), finished(), OPERATION).getStatus().phase()).isEqualTo("Completed");
      assertThat(await(requests.rollback(WEB_NAMESPACE, "to-broken-rollback"), finished(), OPERATION).getStatus().phase())
          .isEqualTo("Completed");
      assertThat(audit.requestsOf(OperatorCluster.OPERATOR_USER)).as("the operator's calls").isNotEmpty()
          .filteredOn(call -> !call.allowed()).as("calls the server refused").isEmpty();
    }
  }
}
