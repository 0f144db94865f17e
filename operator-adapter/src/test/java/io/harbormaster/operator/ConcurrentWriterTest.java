package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import io.harbormaster.sandbox.apiserver.AuditLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A concurrent writer changes each object the operator writes in an upgrade just before the
 * operator writes it, on a real API server: the operator's optimistic write of the request's status
 * gets a real 409 Conflict and is retried on the fresh object; its patches of the Flux object and
 * its updates of the workload's scale subresource carry no resourceVersion (fabric8 sends the Scale
 * without one) and cannot conflict. Either way the upgrade completes and the other writer's change
 * survives. A PVC is only ever created or deleted, never updated: a restore whose create finds the
 * name taken (a real 409) looks again, replaces what someone else made, and ends with the PVC
 * restored from its snapshot.
 */
class ConcurrentWriterTest {
  private static final Duration OPERATION = Duration.ofMinutes(2);
  private static final String REQUEST = "with-company";
  private static final String MARK = "test.harbormaster.io/other-writer";

  @TempDir Path work;

  @Test
  void theOperatorsWritesSurviveA409AndKeepTheOtherWritersChange() {
    try (OperatorCluster cluster = new OperatorCluster(work, ApiServerKind.REAL)) {
      FleetApps apps = new FleetApps(cluster);
      Requests requests = new Requests(cluster.client);
      apps.web("1.0.0", "1m", true);
      Resource<UpgradeRequest> request = requests.upgrade(WEB_NAMESPACE, REQUEST);
      var deployment = cluster.client.apps().deployments().inNamespace(WEB_NAMESPACE).withName(WEB);
      var kustomization =
          cluster.flux(
              "kustomize.toolkit.fluxcd.io/v1",
              "Kustomization",
              OperatorCluster.FLUX_NAMESPACE,
              WEB);
      ConcurrentWriter writer =
          new ConcurrentWriter()
              .before(
                  "PUT",
                  "/apis/harbormaster.io/v1alpha1/namespaces/apps/upgraderequests/"
                      + REQUEST
                      + "/status",
                  () -> mark(request))
              .before(
                  "PUT",
                  "/apis/apps/v1/namespaces/apps/deployments/web/scale",
                  () -> mark(deployment))
              .before(
                  "PATCH",
                  "/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/web",
                  () -> mark(kustomization));
      cluster.stopOperator();
      AuditLog audit = cluster.sandbox.apiServer().real().orElseThrow().auditFromNow();
      cluster.startOperator(writer);

      requests.upgrade(WEB_NAMESPACE, REQUEST, WEB, "1.1.0", false, false);
      UpgradeRequest done = await(request, finished(), OPERATION);

      assertThat(done.getStatus().phase()).as(done.getStatus().message()).isEqualTo("Completed");
      assertThat(writer.allWritten())
          .as("the other writer wrote before each of the operator's writes")
          .isTrue();
      assertThat(List.<HasMetadata>of(request.get(), deployment.get(), kustomization.get()))
          .allSatisfy(
              object ->
                  assertThat(object.getMetadata().getAnnotations()).containsEntry(MARK, "kept"));
      assertThat(audit.requestsOf(OperatorCluster.OPERATOR_USER))
          .filteredOn(call -> call.code() == 409)
          .extracting(AuditLog.Request::rule)
          .contains("harbormaster.io upgraderequests/status update");
      assertThat(apps.commitsFor(WEB_NAMESPACE, REQUEST)).hasSize(1);
      assertThat(apps.awaitReady(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
    }
  }

  @Test
  void aRestoreThatFindsItsPvcRecreatedBySomeoneElseReplacesItWithTheSnapshot() {
    try (OperatorCluster cluster = new OperatorCluster(work, ApiServerKind.REAL)) {
      FleetApps apps = new FleetApps(cluster);
      Requests requests = new Requests(cluster.client);
      apps.web("1.0.0", "10s", true);
      var claims = cluster.client.persistentVolumeClaims().inNamespace(WEB_NAMESPACE);
      ConcurrentWriter writer =
          new ConcurrentWriter()
              .before(
                  "POST",
                  "/api/v1/namespaces/apps/persistentvolumeclaims",
                  () ->
                      claims
                          .resource(
                              new PersistentVolumeClaimBuilder()
                                  .withNewMetadata()
                                  .withName("data")
                                  .endMetadata()
                                  .withNewSpec()
                                  .withAccessModes("ReadWriteOnce")
                                  .withNewResources()
                                  .addToRequests("storage", new Quantity("1Gi"))
                                  .endResources()
                                  .endSpec()
                                  .build())
                          .create());
      cluster.stopOperator();
      AuditLog audit = cluster.sandbox.apiServer().real().orElseThrow().auditFromNow();
      cluster.startOperator(writer);

      requests.upgrade(WEB_NAMESPACE, "to-broken", WEB, OperatorCluster.BROKEN_TAG, false, false);
      RollbackRequest rolledBack =
          await(requests.rollback(WEB_NAMESPACE, "to-broken-rollback"), finished(), OPERATION);

      assertThat(rolledBack.getStatus().phase())
          .as(rolledBack.getStatus().message())
          .isEqualTo("Completed");
      assertThat(writer.allWritten())
          .as("someone created the PVC just before the restore did")
          .isTrue();
      assertThat(audit.requestsOf(OperatorCluster.OPERATOR_USER))
          .filteredOn(call -> call.code() == 409)
          .extracting(AuditLog.Request::rule)
          .contains("core persistentvolumeclaims create");
      assertThat(claims.withName("data").get().getSpec().getDataSource().getKind())
          .as("restored from the snapshot")
          .isEqualTo("VolumeSnapshot");
    }
  }

  private static void mark(Resource<? extends HasMetadata> object) {
    object.patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"" + MARK + "\":\"kept\"}}}");
  }
}
