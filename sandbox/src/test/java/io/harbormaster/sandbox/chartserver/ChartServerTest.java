package io.harbormaster.sandbox.chartserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.hash.Hashing;
import io.harbormaster.sandbox.flux.chart.ChartCatalogue;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart server's index, read back with SnakeYAML (the server writes it as text) and checked
 * against the catalogue it serves.
 */
class ChartServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ChartCatalogue charts = ChartCatalogue.standard();
  private final ChartServer server = ChartServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theIndexListsEveryPublishedVersionNewestFirstWithWhatHelmRepoIndexWrites() throws Exception {
    String url = server.serve("charts", charts);

    HttpResponse<String> response = get(url + "/index.yaml", null);

    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, Object> index = new Yaml().load(response.body());
    assertThat(index).containsEntry("apiVersion", "v1");
    assertThat(Instant.parse((String) index.get("generated"))).isEqualTo(charts.lastChange());
    Map<String, List<Map<String, Object>>> entries = entries(index);
    assertThat(entries).containsOnlyKeys(PostgresChart.NAME);
    assertThat(entries.get(PostgresChart.NAME))
        .extracting(entry -> entry.get("version"))
        .containsExactly("2.0.0", "1.3.0", "1.2.0", "1.1.0", "1.0.0");
    Map<String, String> appVersions = PostgresChart.standard().versions();
    for (Map<String, Object> entry : entries.get(PostgresChart.NAME)) {
      String version = (String) entry.get("version");
      assertThat(entry)
          .containsEntry("name", PostgresChart.NAME)
          .containsEntry("apiVersion", "v2")
          .as("a string, though YAML would read 16.1 unquoted as a number")
          .containsEntry("appVersion", appVersions.get(version))
          .containsEntry("urls", List.of(url + "/postgres-" + version + ".tgz"));
      assertThat(Instant.parse((String) entry.get("created"))).isNotNull();
    }
  }

  @Test
  void eachEntryNamesAnArchiveWhoseDigestItGivesAndWhoseChartYamlIsThatVersion() throws Exception {
    String url = server.serve("charts", charts);
    Map<String, Object> entry =
        entries(new Yaml().load(get(url + "/index.yaml", null).body()))
            .get(PostgresChart.NAME)
            .get(0);

    HttpResponse<byte[]> archive =
        http.send(
            HttpRequest.newBuilder(URI.create(((List<String>) entry.get("urls")).get(0))).build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(archive.statusCode()).isEqualTo(200);
    assertThat(Hashing.sha256().hashBytes(archive.body()).toString())
        .isEqualTo(entry.get("digest"));
    Map<String, Object> chartYaml = new Yaml().load(file(archive.body(), "postgres/Chart.yaml"));
    assertThat(chartYaml)
        .containsEntry("name", "postgres")
        .containsEntry("version", "2.0.0")
        .containsEntry("appVersion", "16.1");
    assertThat(get(url + "/postgres-9.9.9.tgz", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aVersionPublishedLaterIsInTheNextIndex() throws Exception {
    String url = server.serve("charts", charts);
    String before = get(url + "/index.yaml", null).body();
    assertThat(get(url + "/index.yaml", null).body())
        .as("nothing published meanwhile: the same bytes, so the same revision")
        .isEqualTo(before);

    charts.publish(PostgresChart.NAME, PostgresChart.UNPUBLISHED_VERSION);

    Map<String, Object> after = new Yaml().load(get(url + "/index.yaml", null).body());
    assertThat(entries(after).get(PostgresChart.NAME))
        .extracting(entry -> entry.get("version"))
        .startsWith(PostgresChart.UNPUBLISHED_VERSION, "2.0.0");
    assertThat(entries(new Yaml().load(before)).get(PostgresChart.NAME))
        .extracting(entry -> entry.get("version"))
        .doesNotContain(PostgresChart.UNPUBLISHED_VERSION);
  }

  @Test
  void aRepositoryBehindBasicAuthenticationAnswersOnlyItsCredentials() throws Exception {
    String url = server.serve("private", charts);
    server.requireBasicAuth("private", "flux", "s3cret");

    HttpResponse<String> anonymous = get(url + "/index.yaml", null);
    HttpResponse<String> wrong = get(url + "/index.yaml", basic("flux", "guess"));
    HttpResponse<String> right = get(url + "/index.yaml", basic("flux", "s3cret"));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"private\"");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(server.indexFetches("private")).as("only the authorized fetch").isEqualTo(1);
  }

  @Test
  void whatNoRepositoryServesIsNotFound() throws Exception {
    server.serve("charts", charts);

    assertThat(get(server.url("other") + "/index.yaml", null).statusCode()).isEqualTo(404);
    assertThat(get(server.url("charts") + "/nested/index.yaml", null).statusCode()).isEqualTo(404);
    assertThatThrownBy(() -> server.serve("charts", charts))
        .hasMessage("repository 'charts' is served already");
    assertThatThrownBy(() -> server.serve("Charts/x", charts))
        .hasMessageContaining("must be lowercase letters, digits and '-'");
  }

  @Test
  void aCatalogueWithNothingPublishedHasAnIndexWithNoEntries() throws Exception {
    String url = server.serve("empty", ChartCatalogue.of());

    Map<String, Object> index = new Yaml().load(get(url + "/index.yaml", null).body());

    assertThat(index).containsEntry("apiVersion", "v1").containsEntry("entries", Map.of());
  }

  private HttpResponse<String> get(String url, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<Map<String, Object>>> entries(Map<String, Object> index) {
    return (Map<String, List<Map<String, Object>>>) index.get("entries");
  }

  private static String file(byte[] tgz, String path) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tgz)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (entry.getName().equals(path)) {
          return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("no " + path + " in the archive");
  }
}
