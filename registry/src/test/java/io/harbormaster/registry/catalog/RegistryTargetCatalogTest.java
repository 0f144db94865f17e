package io.harbormaster.registry.catalog;

import static io.harbormaster.registry.http.LoopbackServer.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.port.TargetFinding;
import io.harbormaster.core.port.TargetFinding.Verdict;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.kubernetes.ObjectNotFoundException;
import io.harbormaster.registry.http.LoopbackServer;
import io.harbormaster.sandbox.flux.SimulatedFlux;
import io.harbormaster.sandbox.registry.ContainerRegistry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog end to end: the app's HelmRelease, HelmRepository and Secret on fabric8's mock API
 * server, the chart repository a JDK HTTP server serving an index written here, images and OCI
 * charts in a real registry.
 */
@EnableKubernetesMockClient(crud = true)
class RegistryTargetCatalogTest {
  private static final String DB = "db";
  private static final String SHARED = "shared-charts";
  private static final String PASSWORD = "s3cr3t-pa55word";
  private static final String ROBOT_HEADER =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(("robot:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  /** The operator grants apps of namespace db the namespace of the shared chart repositories. */
  private static final Tenancy TENANCY =
      Tenancy.fromEnvironment(Map.of(Tenancy.GRANTS, DB + ":" + SHARED));

  private static ContainerRegistry registry;

  KubernetesClient client;

  private LoopbackServer charts;
  private RegistryTargetCatalog catalog;

  @BeforeAll
  static void startRegistry() {
    registry = ContainerRegistry.start();
    registry.pushImage("apps/postgres", "16.4");
    registry.pushChart("charts", "postgres", "2.1.0");
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @BeforeEach
  void setUp() {
    SimulatedFlux.installCrds(client);
    charts = LoopbackServer.start();
    // Helm's index, with the versions this repository publishes, only to robot.
    String index =
        "apiVersion: v1\n"
            + "entries:\n"
            + "  postgres:\n"
            + "  - version: 2.0.0\n"
            + "    urls: [postgres-2.0.0.tgz]\n"
            + "  - version: 1.0.0\n"
            + "    urls: [postgres-1.0.0.tgz]\n";
    charts.on(
        "/index.yaml",
        exchange -> {
          if (ROBOT_HEADER.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 200, index);
          } else {
            send(exchange, 401, "");
          }
        });
    charts.on("/public/index.yaml", exchange -> send(exchange, 200, index));
    catalog = new RegistryTargetCatalog(client, TENANCY);
  }

  @AfterEach
  void stopCharts() {
    charts.close();
  }

  @Test
  void aChartVersionIsLookedUpInTheHelmRepositoryWithItsSecretsCredentials() {
    helmRelease("sourceRef: {kind: HelmRepository, name: charts}");
    helmRepository(DB, "charts", "url: " + charts.url() + "\n  secretRef: {name: charts-auth}");
    secret(DB, "charts-auth", PASSWORD);

    assertThat(catalog.check(app(), TargetVersion.of("2.0.0")))
        .containsExactly(
            TargetFinding.available("chart 'postgres' 2.0.0 from HelmRepository db/charts"));
    assertThat(catalog.check(app(), TargetVersion.of("2.1.0")))
        .containsExactly(
            TargetFinding.missing(
                "chart 'postgres' 2.1.0 from HelmRepository db/charts",
                "the index lists 2.0.0, 1.0.0"));
    assertThat(charts.requests())
        .extracting(LoopbackServer.Seen::authorization)
        .containsOnly(java.util.Optional.of(ROBOT_HEADER));
  }

  @Test
  void refusedCredentialsNeverShowInAFinding() {
    helmRelease("sourceRef: {kind: HelmRepository, name: charts}");
    helmRepository(DB, "charts", "url: " + charts.url() + "\n  secretRef: {name: charts-auth}");
    secret(DB, "charts-auth", "an0ther-pa55word");

    List<TargetFinding> findings = catalog.check(app(), TargetVersion.of("2.0.0"));

    assertThat(findings).extracting(TargetFinding::verdict).containsExactly(Verdict.UNCHECKED);
    assertThat(findings.toString())
        .contains("refused the credentials of the HelmRepository's spec.secretRef")
        .doesNotContain("an0ther-pa55word");
  }

  @Test
  void theCredentialsOfAHelmRepositoryInAnotherNamespaceAreNotUsed() {
    helmRelease("sourceRef: {kind: HelmRepository, name: charts, namespace: " + SHARED + "}");
    helmRepository(SHARED, "charts", "url: " + charts.url() + "\n  secretRef: {name: charts-auth}");
    secret(SHARED, "charts-auth", PASSWORD);

    assertThat(catalog.check(app(), TargetVersion.of("2.0.0")))
        .containsExactly(
            TargetFinding.unchecked(
                "chart 'postgres' 2.0.0 from HelmRepository shared-charts/charts",
                "HelmRepository shared-charts/charts names credentials (spec.secretRef), and"
                    + " credentials of another namespace than the app's are not used"));
    assertThat(charts.requests()).isEmpty();
  }

  @Test
  void aHelmRepositoryInAGrantedNamespaceWithoutCredentialsIsLookedUp() {
    helmRelease("sourceRef: {kind: HelmRepository, name: charts, namespace: " + SHARED + "}");
    helmRepository(SHARED, "charts", "url: " + charts.url() + "/public/");

    assertThat(catalog.check(app(), TargetVersion.of("1.0.0")))
        .extracting(TargetFinding::verdict)
        .containsExactly(Verdict.AVAILABLE);
  }

  @Test
  void aHelmRepositoryInANamespaceTheAppMayNotTouchIsNotRead() {
    helmRelease("sourceRef: {kind: HelmRepository, name: charts, namespace: other-team}");
    helmRepository("other-team", "charts", "url: " + charts.url() + "/public/");

    assertThat(catalog.check(app(), TargetVersion.of("1.0.0")))
        .containsExactly(
            TargetFinding.unchecked(
                "chart 'postgres' 1.0.0 from HelmRepository other-team/charts",
                "namespace other-team is not one this app's operations may read (the operator's"
                    + " namespace grants)"));
    assertThat(charts.requests()).isEmpty();
  }

  @Test
  void aChartInAnInsecureOciHelmRepositoryIsLookedUpInTheRegistry() {
    helmRelease("sourceRef: {kind: HelmRepository, name: oci-charts}");
    helmRepository(
        DB, "oci-charts", "type: oci\n  insecure: true\n  url: " + registry.ociUrl("charts"));

    assertThat(catalog.check(app(), TargetVersion.of("2.1.0")))
        .containsExactly(
            TargetFinding.available("chart 'postgres' 2.1.0 from HelmRepository db/oci-charts"));
    assertThat(catalog.check(app(), TargetVersion.of("2.2.0")))
        .containsExactly(
            TargetFinding.missing(
                "chart 'postgres' 2.2.0 from HelmRepository db/oci-charts",
                registry.hostPort() + "/charts/postgres has no tag '2.2.0'"));
  }

  @Test
  void imageTagsAreLookedUpInTheirRegistries() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    helmRelease("sourceRef: {kind: HelmRepository, name: charts}");
    String postgres = registry.image("apps/postgres");
    String gone = "127.0.0.1:" + closed + "/apps/backup";

    List<TargetFinding> findings =
        catalog.check(
            kustomizeApp(),
            TargetVersion.builder()
                .version("16.4")
                .putImageTag(postgres, "16.4")
                .putImageTag(registry.image("apps/pgadmin"), "8.0")
                .putImageTag(gone, "1.0")
                .build());

    assertThat(findings)
        .containsExactly(
            TargetFinding.available("image " + postgres + ":16.4"),
            TargetFinding.missing(
                "image " + registry.image("apps/pgadmin") + ":8.0",
                registry.hostPort() + "/apps/pgadmin has no tag '8.0'"),
            TargetFinding.unchecked(
                "image " + gone + ":1.0", "127.0.0.1:" + closed + " refused the connection"));
  }

  @Test
  void aVersionThatIsNoChartVersionIsNotLookedUp() {
    assertThat(catalog.check(kustomizeApp(), TargetVersion.of("1.2.3"))).isEmpty();
  }

  @Test
  void sourcesOtherThanAHelmRepositoryAreUnchecked() {
    helmRelease("sourceRef: {kind: GitRepository, name: fleet, namespace: " + SHARED + "}");

    assertThat(catalog.check(app(), TargetVersion.of("2.0.0")))
        .extracting(TargetFinding::verdict, TargetFinding::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Verdict.UNCHECKED,
                "chart 'postgres' 2.0.0 from GitRepository shared-charts/fleet"));
  }

  @Test
  void aChartRefIsUnchecked() {
    create(
        """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: postgres, namespace: db}
        spec:
          chartRef: {kind: OCIRepository, name: postgres}
        """);

    assertThat(catalog.check(app(), TargetVersion.of("2.0.0")))
        .containsExactly(
            TargetFinding.unchecked(
                "chart 2.0.0 of HelmRelease db/postgres",
                "the chart comes from spec.chartRef (a OCIRepository), which is not looked up:"
                    + " only spec.chart from a HelmRepository is"));
  }

  @Test
  void cloudProviderCredentialsAndCustomCasAreNotUsed() {
    helmRelease("sourceRef: {kind: HelmRepository, name: ecr}");
    helmRepository(
        DB, "ecr", "type: oci\n  provider: aws\n  url: oci://123.dkr.ecr.example/charts");
    assertThat(catalog.check(app(), TargetVersion.of("2.0.0")).get(0).detail())
        .isEqualTo(
            "HelmRepository db/ecr authenticates with spec.provider aws: a cloud provider's"
                + " credentials are not Harbormaster's to use");

    helmRepository(DB, "ecr", "url: https://charts.example\n  certSecretRef: {name: ca}");
    assertThat(catalog.check(app(), TargetVersion.of("2.0.0")).get(0).detail())
        .isEqualTo(
            "HelmRepository db/ecr trusts a CA of its own (spec.certSecretRef), which Harbormaster"
                + " does not load");
  }

  @Test
  void credentialsAreNotSentOverPlainHttpToAnotherMachine() {
    helmRelease("sourceRef: {kind: HelmRepository, name: charts}");
    helmRepository(
        DB, "charts", "url: http://charts.internal.example\n  secretRef: {name: charts-auth}");
    secret(DB, "charts-auth", PASSWORD);

    assertThat(catalog.check(app(), TargetVersion.of("2.0.0")).get(0))
        .isEqualTo(
            TargetFinding.unchecked(
                "chart 'postgres' 2.0.0 from HelmRepository db/charts",
                "the credentials of HelmRepository db/charts's spec.secretRef are sent over HTTPS"
                    + " only, and it is reached over plain HTTP"));
  }

  @Test
  void aMissingHelmRepositoryOrSecretIsUnchecked() {
    helmRelease("sourceRef: {kind: HelmRepository, name: charts}");
    assertThat(catalog.check(app(), TargetVersion.of("2.0.0")).get(0).detail())
        .isEqualTo("HelmRepository db/charts does not exist");

    helmRepository(DB, "charts", "url: " + charts.url() + "\n  secretRef: {name: charts-auth}");
    assertThat(catalog.check(app(), TargetVersion.of("2.0.0")).get(0).detail())
        .isEqualTo(
            "Secret db/charts-auth (spec.secretRef of HelmRepository db/charts) does not exist");
  }

  @Test
  void aMissingHelmReleaseIsNotFoundAsForTheOtherAdapters() {
    assertThatThrownBy(() -> catalog.check(app(), TargetVersion.of("2.0.0")))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage(
            "HelmRelease db/postgres not found: check that spec.flux.helmRelease names an existing"
                + " HelmRelease");
  }

  private static ManagedApp app() {
    return ManagedApp.builder()
        .id(ObjectRef.of(DB, "postgres"))
        .flux(
            FluxSource.builder()
                .kustomization(ObjectRef.of("flux-system", DB))
                .helmRelease(ObjectRef.of(DB, "postgres"))
                .build())
        .git(
            GitLocation.builder()
                .repository("https://git.example/fleet.git")
                .filePath("apps/db/release.yaml")
                .versionPath("spec.chart.spec.version")
                .build())
        .build();
  }

  /** The same app, its version kept in a kustomization's images list. */
  private static ManagedApp kustomizeApp() {
    return ManagedApp.builder()
        .from(app())
        .git(
            GitLocation.builder()
                .repository("https://git.example/fleet.git")
                .filePath("apps/db/kustomization.yaml")
                .versionPath("images[name=postgres].newTag")
                .build())
        .build();
  }

  private void helmRelease(String sourceRef) {
    create(
        """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: postgres, namespace: db}
        spec:
          interval: 10m
          chart:
            spec:
              chart: postgres
              version: "1.0.0"
              %s
        """
            .formatted(sourceRef));
  }

  private void helmRepository(String namespace, String name, String spec) {
    create(
        """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: %s, namespace: %s}
        spec:
          interval: 1h
          %s
        """
            .formatted(name, namespace, spec));
  }

  private void secret(String namespace, String name, String password) {
    client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .addToData("username", base64("robot"))
                .addToData("password", base64(password))
                .build())
        .create();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private void create(String yaml) {
    GenericKubernetesResource object =
        Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    client.resource(object).createOr(existing -> existing.update());
  }
}
