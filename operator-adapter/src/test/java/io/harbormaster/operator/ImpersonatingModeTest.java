package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.DB_NAMESPACE;
import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.Requests.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.embedded.identity.AppClients;
import io.harbormaster.operator.deploy.ClusterRoleRules;
import io.harbormaster.sandbox.apiserver.AuditLog;
import io.harbormaster.sandbox.apiserver.RealApiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator in impersonating mode, as {@code kubectl kustomize deploy/impersonating} deploys it
 * on a real API server: it acts on each app's objects as the ServiceAccount {@code harbormaster} of
 * the app's namespace and holds no right on them itself. A Kustomization app's upgrade, a
 * HelmRelease app's upgrade and a failed upgrade's rollback end as they should; the audit log shows
 * the apps' objects touched only as the apps' ServiceAccounts, the operator's own calls within its
 * own role, and no call refused. An app naming a ServiceAccount the operator may not act as gets
 * nothing done.
 */
class ImpersonatingModeTest {
  private static final Duration OPERATION = Duration.ofSeconds(90);

  @TempDir Path work;

  @Test
  void upgradesAndARollbackRunAsTheAppsServiceAccounts() {
    AuditLog audit = RealApiServer.shared().auditFromNow();
    try (OperatorCluster cluster = OperatorCluster.impersonating(work)) {
      UpgradesAndARollback.run(cluster);
    }

    List<AuditLog.Request> own = audit.requestsOf(OperatorCluster.OPERATOR_USER);
    assertThat(own)
        .as("the operator's calls as itself")
        .isNotEmpty()
        .allSatisfy(call -> assertThat(call.allowed()).as(call.rule()).isTrue());
    assertThat(own)
        .extracting(AuditLog.Request::rule)
        .as("rules the operator's own role grants")
        .allSatisfy(rule -> assertThat(ClusterRoleRules.of("clusterrole.yaml")).contains(rule));
    for (String namespace : List.of(WEB_NAMESPACE, DB_NAMESPACE)) {
      assertThat(audit.requestsOf(AppClients.user(namespace, "harbormaster")))
          .as("calls as the ServiceAccount of " + namespace)
          .isNotEmpty()
          .filteredOn(call -> !call.allowed())
          .as("calls the server refused")
          .isEmpty();
    }
  }

  @Test
  void anAppNamingAServiceAccountTheOperatorMayNotActAsGetsNothingDone() {
    try (OperatorCluster cluster = OperatorCluster.impersonating(work)) {
      FleetApps apps = new FleetApps(cluster);
      apps.web("1.0.0", "15s", true);
      AppGitAccess app = new AppGitAccess(cluster);
      app.app()
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"serviceAccountName\":\"borrowed\"}}");

      String refusal = "cannot impersonate resource \"serviceaccounts\"";
      assertThat(app.awaitCondition("Ready", c -> c.getMessage().contains(refusal)).getReason())
          .isEqualTo("CheckFailed");
      Requests requests = new Requests(cluster.client);
      requests.upgrade(WEB_NAMESPACE, "as-borrowed", WEB, "1.1.0", false, false);
      await(
          requests.upgrade(WEB_NAMESPACE, "as-borrowed"),
          r ->
              r.getStatus() != null
                  && r.getStatus().lastError() != null
                  && r.getStatus().lastError().contains(refusal),
          OPERATION);

      assertThat(apps.suspended(WEB)).as("Flux suspended").isFalse();
      assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas())
          .as("replicas")
          .isEqualTo(1);
    }
  }
}
