package io.harbormaster.sandbox.flux;

import static io.harbormaster.sandbox.flux.FluxFixture.NS;
import static io.harbormaster.sandbox.flux.FluxFixture.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.sandbox.apiserver.TestApiServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kustomization applying a Bucket's objects: the revision is a digest of the bucket's contents,
 * and nothing names a commit.
 */
@Tag("both-api-servers")
class BucketSimulationTest {
  @RegisterExtension final TestApiServer api = new TestApiServer("flux-system", "db");
  @TempDir Path temp;
  private KubernetesClient client;
  private FluxFixture fixture;

  @BeforeEach
  void start() {
    client = api.client();
    fixture = FluxFixture.start(client, temp);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aKustomizationAppliesTheBucketsObjectsUnderADigestOfThemAndNoOriginRevision() {
    fixture.objectStorage().put("manifests", Map.of("api/config.yaml", config("one")));
    fixture.bucket("manifests", "manifests");
    fixture.kustomization(
        "api", "./api", Map.of("sourceRef", Map.of("kind", "Bucket", "name", "manifests")));

    GenericKubernetesResource first =
        fixture.await(FluxType.KUSTOMIZATION, NS, "api", ready("True"));
    String revision = Fields.text(first, "status", "lastAppliedRevision").orElseThrow();

    assertThat(revision).matches("sha256:[0-9a-f]{64}");
    assertThat(Fields.text(first, "status", "lastAppliedOriginRevision")).isEmpty();
    assertThat(client.configMaps().inNamespace("db").withName("api").get().getData())
        .containsEntry("value", "one");

    fixture.objectStorage().put("manifests", Map.of("api/config.yaml", config("two")));
    fixture.requestReconcile(FluxType.BUCKET, NS, "manifests");

    GenericKubernetesResource second =
        fixture.await(
            FluxType.KUSTOMIZATION,
            NS,
            "api",
            object ->
                !Fields.text(object, "status", "lastAppliedRevision")
                    .orElseThrow()
                    .equals(revision));
    assertThat(Fields.text(second, "status", "lastAppliedRevision").orElseThrow())
        .matches("sha256:[0-9a-f]{64}");
    assertThat(client.configMaps().inNamespace("db").withName("api").get().getData())
        .containsEntry("value", "two");
  }

  private static String config(String value) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: api
          namespace: db
        data:
          value: %s
        """
        .formatted(value);
  }
}
