package io.harbormaster.sandbox.flux;

import static io.harbormaster.sandbox.flux.FluxFixture.ready;
import static io.harbormaster.sandbox.flux.FluxFixture.readyCondition;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.harbormaster.sandbox.apiserver.TestApiServer;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HelmRelease's {@code spec.valuesFrom}: ConfigMaps and Secrets merged in order beneath {@code
 * spec.values}, read again only when helm-controller reconciles, which a change of them causes only
 * when they carry {@code reconcile.fluxcd.io/watch: Enabled}.
 */
@Tag("both-api-servers")
class HelmValuesFromSimulationTest {
  private static final String DB = "db";
  private static final String PATH = "apps/db";
  private static final Duration WAIT = Duration.ofSeconds(15);

  @RegisterExtension final TestApiServer api = new TestApiServer("flux-system", DB);
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
  void referencesMergeInOrderBeneathSpecValuesAndTheDigestCoversTheMergedValues() {
    configMap("base", false, Map.of("values.yaml", "image:\n  tag: \"15.2\"\nreplicas: 3\n"));
    configMap("registry", false, Map.of("repository", "registry.example/postgres"));
    secret("override", true, Map.of("custom.yaml", "replicas: 1\npersistence:\n  size: 2Gi\n"));
    pushRelease(
        "postgres",
        """
        - kind: ConfigMap
          name: base
        - kind: Secret
          name: override
          valuesKey: custom.yaml
        - kind: ConfigMap
          name: registry
          valuesKey: repository
          targetPath: image.repository
        """);
    fixture.kustomization("db", PATH, Map.of());

    GenericKubernetesResource released = awaitReleased("postgres", 1);

    StatefulSet set = statefulSet("postgres");
    assertThat(image(set)).isEqualTo("registry.example/postgres:15.2");
    assertThat(set.getSpec().getReplicas()).as("the Secret, merged later, wins").isEqualTo(1);
    assertThat(
            set.getSpec()
                .getVolumeClaimTemplates()
                .get(0)
                .getSpec()
                .getResources()
                .getRequests()
                .get("storage")
                .toString())
        .isEqualTo("2Gi");
    assertThat(set.getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName())
        .as("spec.values, merged last")
        .isEqualTo("fast");
    assertThat(Fields.text(released, "status", "lastAttemptedConfigDigest"))
        .hasValue(String.valueOf(history(released).get(0).get("configDigest")));

    secret(
        "override",
        true,
        Map.of("custom.yaml", "replicas: 1\nimage:\n  tag: \"15.3\"\npersistence:\n  size: 2Gi\n"));

    GenericKubernetesResource changed = awaitReleased("postgres", 2);
    assertThat(image(statefulSet("postgres")))
        .as("a watched Secret's change is acted on at once")
        .isEqualTo("registry.example/postgres:15.3");
    assertThat(Fields.text(changed, "status", "lastAttemptedConfigDigest"))
        .hasValue(String.valueOf(history(changed).get(0).get("configDigest")))
        .isNotEqualTo(Fields.text(released, "status", "lastAttemptedConfigDigest"));
  }

  @Test
  void aTargetPathTypesUnquotedTextAsHelmsSetDoesAndKeepsQuotedTextAString() {
    configMap("settings", false, Map.of("replicas", "2", "tag", "\"16\""));
    pushRelease(
        "postgres",
        """
        - kind: ConfigMap
          name: settings
          valuesKey: replicas
          targetPath: replicas
        - kind: ConfigMap
          name: settings
          valuesKey: tag
          targetPath: image.tag
        """);
    fixture.kustomization("db", PATH, Map.of());

    awaitReleased("postgres", 1);

    JsonNode config = storedConfig("postgres", 1);
    assertThat(config.path("replicas").isIntegralNumber()).isTrue();
    assertThat(config.path("image").path("tag").isTextual()).isTrue();
    assertThat(statefulSet("postgres").getSpec().getReplicas()).isEqualTo(2);
    assertThat(image(statefulSet("postgres"))).isEqualTo("postgres:16");
  }

  @Test
  void anUnlabelledConfigMapsChangeWaitsForARequestWhileALabelledOnesIsActedOnAtOnce() {
    configMap("postgres-values", false, Map.of("values.yaml", "image:\n  tag: \"15.1\"\n"));
    configMap("other-values", true, Map.of("values.yaml", "image:\n  tag: \"15.1\"\n"));
    pushRelease("postgres", "- kind: ConfigMap\n  name: postgres-values\n");
    pushRelease("other", "- kind: ConfigMap\n  name: other-values\n");
    fixture.kustomization("db", PATH, Map.of());
    awaitReleased("postgres", 1);
    awaitReleased("other", 1);

    // In this order: had the unlabelled change woken its release, that release would be reconciled
    // before the labelled one's.
    configMap("postgres-values", false, Map.of("values.yaml", "image:\n  tag: \"15.2\"\n"));
    configMap("other-values", true, Map.of("values.yaml", "image:\n  tag: \"15.2\"\n"));

    awaitReleased("other", 2);
    assertThat(image(statefulSet("other"))).isEqualTo("postgres:15.2");
    assertThat(history(fixture.get(FluxType.HELM_RELEASE, DB, "postgres")))
        .as("unlabelled: not read again yet")
        .singleElement()
        .satisfies(entry -> assertThat(entry).containsEntry("version", 1));
    assertThat(client.secrets().inNamespace(DB).withName("sh.helm.release.v1.postgres.v2").get())
        .isNull();
    assertThat(image(statefulSet("postgres"))).isEqualTo("postgres:15.1");

    fixture.requestReconcile(FluxType.HELM_RELEASE, DB, "postgres");

    GenericKubernetesResource requested = awaitReleased("postgres", 2);
    assertThat(image(statefulSet("postgres"))).isEqualTo("postgres:15.2");
    assertThat(Fields.text(requested, "status", "lastAttemptedConfigDigest"))
        .hasValue(String.valueOf(history(requested).get(0).get("configDigest")));
  }

  @Test
  void aMissingConfigMapFailsWithValuesErrorUntilItExistsWhileAMissingOptionalOneIsSkipped() {
    pushRelease(
        "postgres",
        """
        - kind: ConfigMap
          name: absent
          optional: true
        - kind: ConfigMap
          name: later
        """);
    fixture.kustomization("db", PATH, Map.of());

    GenericKubernetesResource failing =
        fixture.await(
            FluxType.HELM_RELEASE,
            DB,
            "postgres",
            object -> "ValuesError".equals(readyCondition(object).get("reason")));

    assertThat(readyCondition(failing))
        .containsEntry("status", "False")
        .containsEntry(
            "message",
            "could not resolve ConfigMap chart values reference 'db/later' with key 'values.yaml':"
                + " configmaps \"later\" not found");
    assertThat(Fields.text(failing, "status", "lastAttemptedRevision"))
        .as("failed before anything was attempted")
        .isEmpty();
    assertThat(Fields.number(failing, "status", "observedGeneration")).isZero();
    assertThat(client.secrets().inNamespace(DB).list().getItems()).isEmpty();

    configMap("later", false, Map.of("values.yaml", "image:\n  tag: \"15.2\"\n"));

    fixture.await(FluxType.HELM_RELEASE, DB, "postgres", ready("True"));
    assertThat(image(statefulSet("postgres")))
        .as("retried with backoff, not left for the interval")
        .isEqualTo("postgres:15.2");
  }

  /** Ready at Helm release revision {@code version}. */
  private GenericKubernetesResource awaitReleased(String name, int version) {
    return fixture.await(
        FluxType.HELM_RELEASE,
        DB,
        name,
        ready("True")
            .and(
                object ->
                    !history(object).isEmpty()
                        && Integer.valueOf(version).equals(history(object).get(0).get("version"))));
  }

  private StatefulSet statefulSet(String name) {
    return AwaitCondition.until(
        client.apps().statefulSets().inNamespace(DB).withName(name),
        (Predicate<StatefulSet>) set -> set != null,
        WAIT);
  }

  private static String image(StatefulSet set) {
    return FluxFixture.image(set.getSpec().getTemplate());
  }

  private JsonNode storedConfig(String release, int version) {
    String data =
        client
            .secrets()
            .inNamespace(DB)
            .withName("sh.helm.release.v1." + release + ".v" + version)
            .get()
            .getData()
            .get("release");
    return HelmReleaseCodec.fromSecretData(data).path("config");
  }

  private static List<Map<String, Object>> history(GenericKubernetesResource helmRelease) {
    List<Map<String, Object>> history = helmRelease.get("status", "history");
    return history == null ? List.of() : history;
  }

  /** Creates or replaces ConfigMap {@code db/<name>}, labelled for helm-controller's watch. */
  private void configMap(String name, boolean watched, Map<String, String> data) {
    client
        .configMaps()
        .inNamespace(DB)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(watchLabel(watched))
                .endMetadata()
                .withData(data)
                .build())
        .createOr(NonDeletingOperation::update);
  }

  private void secret(String name, boolean watched, Map<String, String> data) {
    Map<String, String> encoded = new java.util.LinkedHashMap<>();
    data.forEach(
        (key, value) ->
            encoded.put(
                key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    client
        .secrets()
        .inNamespace(DB)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(watchLabel(watched))
                .endMetadata()
                .withData(encoded)
                .build())
        .createOr(NonDeletingOperation::update);
  }

  private static Map<String, String> watchLabel(boolean watched) {
    return watched ? Map.of(HelmValues.WATCH_LABEL, "Enabled") : Map.of();
  }

  /**
   * HelmRelease {@code db/<name>} of chart postgres 1.0.0 reading {@code valuesFrom} (YAML list
   * items), beside its namespace and chart repository.
   */
  private void pushRelease(String name, String valuesFrom) {
    fixture
        .git()
        .write(PATH + "/namespace.yaml", SampleApps.namespace(DB))
        .write(PATH + "/repository.yaml", SampleApps.chartRepository(fixture.chartRepositoryUrl()))
        .write(
            PATH + "/" + name + ".yaml",
            SampleApps.helmRelease(
                name,
                PostgresChart.NAME,
                "1.0.0",
                "10s",
                "values:\n  persistence:\n    storageClassName: fast\nvaluesFrom:\n" + valuesFrom));
    fixture.git().commitAndPush(name);
  }
}
