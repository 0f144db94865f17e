package io.harbormaster.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.sandbox.apiserver.AuditLog;
import io.harbormaster.sandbox.apiserver.RealApiServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator in namespaced mode, as {@code kubectl kustomize deploy/namespaced} deploys it on a
 * real API server: its ClusterRoles granted by RoleBindings in the watched namespaces only, a
 * StorageClass read cluster-wide, HM_WATCH_NAMESPACES set. A Kustomization app's upgrade, a
 * HelmRelease app's upgrade and a failed upgrade's rollback end as they should, and the server
 * refused none of its calls.
 */
class NamespacedModeTest {
  @TempDir Path work;

  @Test
  void upgradesAndARollbackRunUnderTheNamespacedRoles() {
    // From before the operator starts: its informers' first lists must be allowed too.
    AuditLog audit = RealApiServer.shared().auditFromNow();
    try (OperatorCluster cluster = OperatorCluster.namespaced(work)) {
      UpgradesAndARollback.run(cluster);
      assertThat(audit.requestsOf(OperatorCluster.OPERATOR_USER))
          .as("the operator's calls")
          .isNotEmpty()
          .filteredOn(call -> !call.allowed())
          .as("calls the server refused")
          .isEmpty();
    }
  }
}
