package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.DB;
import static io.harbormaster.operator.FleetApps.DB_NAMESPACE;
import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.harbormaster.control.KubernetesFluxControl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RBAC lets the operator patch any field of a Kustomization or HelmRelease; the operator writes
 * only {@code spec.suspend} and the reconcile annotation. Every patch it sends to a Flux object
 * through a Kustomization upgrade, a HelmRelease upgrade and a failed upgrade's rollback is caught
 * on its way out and checked.
 */
@Tag("both-api-servers")
class FluxPatchesTest {
  private static final Duration OPERATION = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void theOperatorPatchesFluxObjectsOnlyInSuspendAndTheReconcileAnnotation() throws Exception {
    List<String> patches = new CopyOnWriteArrayList<>();
    try (OperatorCluster cluster = new OperatorCluster(work)) {
      FleetApps apps = new FleetApps(cluster);
      Requests requests = new Requests(cluster.client);
      // The broken upgrade waits out its health check: short, as the rollback's healthy rollout
      // takes well under a second.
      apps.web("1.0.0", "5s", true);
      apps.postgres("1.0.0", 1);
      cluster.stopOperator();
      cluster.startOperator(
          new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
              String path = request.uri().getPath();
              if (request.method().equals("PATCH") && path.contains(".toolkit.fluxcd.io/")) {
                patches.add(request.bodyString());
              }
            }
          });

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

    assertThat(patches).as("patches of Flux objects").hasSizeGreaterThanOrEqualTo(8);
    for (String patch : patches) {
      JsonNode operations = JSON.readTree(patch);
      assertThat(operations.isArray()).as("a JSON patch: " + patch).isTrue();
      for (JsonNode operation : operations) {
        String path = operation.path("path").asText();
        if (path.equals("/metadata/annotations")) {
          assertThat(operation.path("value").properties())
              .as(patch)
              .extracting(entry -> entry.getKey())
              .containsExactly(KubernetesFluxControl.RECONCILE_REQUESTED_AT);
        } else {
          assertThat(path).as(patch).isIn(KubernetesFluxControl.WRITABLE_PATHS);
        }
      }
    }
  }
}
