package io.harbormaster.sandbox.flux;

import static io.harbormaster.sandbox.flux.FluxFixture.NS;
import static io.harbormaster.sandbox.flux.FluxFixture.condition;
import static io.harbormaster.sandbox.flux.FluxFixture.ready;
import static io.harbormaster.sandbox.flux.FluxFixture.readyCondition;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.sandbox.apiserver.TestApiServer;
import io.harbormaster.sandbox.flux.chart.ChartCatalogue;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated source-controller fetches a HelmRepository's {@code index.yaml} over HTTP from the
 * sandbox's chart server, and fails as source-controller does when it cannot.
 */
@Tag("both-api-servers")
class HelmRepositorySimulationTest {
  @RegisterExtension final TestApiServer api = new TestApiServer(NS);
  @TempDir Path temp;
  private final HttpClient http = HttpClient.newHttpClient();
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
  void theRevisionIsTheDigestOfTheServedIndexAndAVersionPublishedLaterArrivesAtTheNextFetch()
      throws Exception {
    String url = fixture.chartRepositoryUrl();
    helmRepository("charts", url, Map.of());
    GenericKubernetesResource fetched =
        fixture.await(FluxType.HELM_REPOSITORY, NS, "charts", ready("True"));
    String first = revision(fetched);
    assertThat(first).isEqualTo(digestOfIndexAt(url));
    assertThat(readyCondition(fetched))
        .containsEntry("reason", "Succeeded")
        .containsEntry("message", "stored artifact: revision '" + first + "'");
    assertThat(condition(fetched, "ArtifactInStorage")).containsEntry("status", "True");
    helmChart("newest", PostgresChart.UNPUBLISHED_VERSION);
    fixture.await(FluxType.HELM_CHART, NS, "newest", stalled());

    fixture.charts().publish(PostgresChart.NAME, PostgresChart.UNPUBLISHED_VERSION);
    String published = digestOfIndexAt(url);
    fixture.requestReconcile(FluxType.HELM_REPOSITORY, NS, "charts");

    GenericKubernetesResource refetched =
        fixture.await(
            FluxType.HELM_REPOSITORY, NS, "charts", object -> published.equals(revision(object)));
    assertThat(published).isNotEqualTo(first);
    assertThat(readyCondition(refetched)).containsEntry("status", "True");
    GenericKubernetesResource chart =
        fixture.await(FluxType.HELM_CHART, NS, "newest", ready("True"));
    assertThat(Fields.text(chart, "status", "artifact", "revision"))
        .as("the new index woke the stalled HelmChart, as source-controller's watch does")
        .hasValue(PostgresChart.UNPUBLISHED_VERSION);
    assertThat(condition(chart, "Stalled")).isEmpty();
  }

  @Test
  void aUrlNothingServesIsAFailedFetchRetriedWithTheLastIndexKept() throws Exception {
    String missing = fixture.chartServer().url("missing");
    helmRepository("missing", missing + "/", Map.of());

    GenericKubernetesResource failed =
        fixture.await(FluxType.HELM_REPOSITORY, NS, "missing", ready("False"));

    String message =
        "failed to fetch Helm repository index: failed to cache index to temporary file: failed to"
            + " fetch "
            + missing
            + "/index.yaml : 404 Not Found";
    assertThat(readyCondition(failed))
        .containsEntry("reason", "Failed")
        .containsEntry("message", message);
    assertThat(condition(failed, "FetchFailed"))
        .containsEntry("status", "True")
        .containsEntry("reason", "Failed")
        .containsEntry("message", message);
    assertThat(condition(failed, "Reconciling")).containsEntry("reason", "ProgressingWithRetry");
    assertThat(condition(failed, "Stalled")).as("a fetch may succeed later").isEmpty();
    assertThat(failed.<Object>get("status", "artifact")).isNull();
    assertThat(fixture.plansToReconcile(FluxType.HELM_REPOSITORY, NS, "missing"))
        .as("retried with backoff")
        .isTrue();

    int closed = freePort();
    helmRepository("refused", "http://127.0.0.1:" + closed, Map.of());
    assertThat(
            readyCondition(fixture.await(FluxType.HELM_REPOSITORY, NS, "refused", ready("False"))))
        .containsEntry("reason", "Failed")
        .containsEntry(
            "message",
            "failed to fetch Helm repository index: failed to cache index to temporary file: Get"
                + " \"http://127.0.0.1:"
                + closed
                + "/index.yaml\": dial tcp 127.0.0.1:"
                + closed
                + ": connect: connection refused");
  }

  @Test
  void anOciUrlInARepositoryOfTheDefaultTypeStallsIt() {
    helmRepository("oci", "oci://registry.sandbox.example/charts", Map.of());

    GenericKubernetesResource stalled =
        fixture.await(
            FluxType.HELM_REPOSITORY,
            NS,
            "oci",
            object -> "True".equals(condition(object, "Stalled").get("status")));

    assertThat(readyCondition(stalled))
        .containsEntry("status", "False")
        .containsEntry("reason", "URLInvalid")
        .containsEntry(
            "message",
            "invalid Helm repository URL: 'oci' URL scheme cannot be used with 'default'"
                + " HelmRepository type");
    assertThat(condition(stalled, "Reconciling")).isEmpty();
    assertThat(fixture.plansToReconcile(FluxType.HELM_REPOSITORY, NS, "oci")).isFalse();
  }

  @Test
  void aRepositoryBehindBasicAuthenticationIsFetchedWithTheSecretRefsCredentials() {
    String url = fixture.chartServer().serve("private", ChartCatalogue.standard());
    fixture.chartServer().requireBasicAuth("private", "flux", "s3cret");

    helmRepository("anonymous", url, Map.of());
    assertThat(
            readyCondition(
                fixture.await(FluxType.HELM_REPOSITORY, NS, "anonymous", ready("False"))))
        .containsEntry("reason", "Failed")
        .containsEntry(
            "message",
            "failed to fetch Helm repository index: failed to cache index to temporary file: failed"
                + " to fetch "
                + url
                + "/index.yaml : 401 Unauthorized");

    helmRepository("private", url, Map.of("secretRef", Map.of("name", "chart-credentials")));
    assertThat(
            readyCondition(fixture.await(FluxType.HELM_REPOSITORY, NS, "private", ready("False"))))
        .containsEntry("reason", "AuthenticationFailed")
        .containsEntry(
            "message",
            "failed to get authentication secret 'flux-system/chart-credentials': secrets"
                + " \"chart-credentials\" not found");

    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("chart-credentials")
                .endMetadata()
                // data, not stringData: the mock API server does not turn one into the other
                .addToData("username", base64("flux"))
                .addToData("password", base64("s3cret"))
                .build())
        .create();
    GenericKubernetesResource fetched =
        fixture.await(FluxType.HELM_REPOSITORY, NS, "private", ready("True"));
    assertThat(condition(fetched, "FetchFailed")).isEmpty();
    assertThat(fixture.chartServer().indexFetches("private")).isEqualTo(1);
  }

  private void helmRepository(String name, String url, Map<String, Object> more) {
    Map<String, Object> spec = new java.util.LinkedHashMap<>(more);
    spec.put("url", url);
    spec.put("interval", "1h");
    fixture.create(FluxType.HELM_REPOSITORY, name, spec);
  }

  private void helmChart(String name, String version) {
    fixture.create(
        FluxType.HELM_CHART,
        name,
        Map.of(
            "chart",
            PostgresChart.NAME,
            "version",
            version,
            "sourceRef",
            Map.of("kind", "HelmRepository", "name", "charts"),
            "interval",
            "10m"));
  }

  private static java.util.function.Predicate<GenericKubernetesResource> stalled() {
    return object -> "True".equals(condition(object, "Stalled").get("status"));
  }

  private static String revision(GenericKubernetesResource repository) {
    return Fields.text(repository, "status", "artifact", "revision").orElse("");
  }

  /** {@code sha256:} of the index the server serves now, as source-controller digests it. */
  private String digestOfIndexAt(String url) throws IOException, InterruptedException {
    byte[] index =
        http.send(
                HttpRequest.newBuilder(URI.create(url + "/index.yaml")).build(),
                HttpResponse.BodyHandlers.ofByteArray())
            .body();
    return "sha256:" + Hashing.sha256().hashBytes(index);
  }

  private static String base64(String text) {
    return java.util.Base64.getEncoder()
        .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A port nothing listens on any more. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
