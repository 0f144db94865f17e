package io.harbormaster.sandbox.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry fixture runs a real registry that serves what it pushed, and stops it. */
class ContainerRegistryTest {
  private static final String ACCEPT =
      "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json";

  private static ContainerRegistry registry;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    registry = ContainerRegistry.start();
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  @Test
  void servesAPushedImageUnderItsTagAndDigest() throws Exception {
    String digest = registry.pushImage("apps/web", "1.2.0");

    HttpResponse<Void> head = head("apps/web", "1.2.0");

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(digest);
    assertThat(registry.tags("apps/web")).containsExactly("1.2.0");
    assertThat(registry.image("apps/web")).isEqualTo(registry.hostPort() + "/apps/web");
  }

  @Test
  void aTagNeverPushedIsNotFound() throws Exception {
    registry.pushImage("apps/api", "1.0.0");

    assertThat(head("apps/api", "9.9.9").statusCode()).isEqualTo(404);
    assertThat(registry.tags("apps/absent")).isEmpty();
  }

  @Test
  void aChartIsPushedAsHelmDoesUnderItsPathAndNameWithPlusWrittenAsUnderscore() throws Exception {
    registry.pushChart("charts", "postgres", "2.1.0+build.7");

    HttpResponse<String> manifest =
        http.send(
            HttpRequest.newBuilder(
                    registry.url().resolve("/v2/charts/postgres/manifests/2.1.0_build.7"))
                .header("Accept", ACCEPT)
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(manifest.statusCode()).isEqualTo(200);
    JsonNode json = new ObjectMapper().readTree(manifest.body());
    assertThat(json.path("config").path("mediaType").asText())
        .isEqualTo("application/vnd.cncf.helm.config.v1+json");
    assertThat(json.path("layers").path(0).path("mediaType").asText())
        .isEqualTo("application/vnd.cncf.helm.chart.content.v1.tar+gzip");
    assertThat(registry.ociUrl("charts")).isEqualTo("oci://" + registry.hostPort() + "/charts");
  }

  @Test
  void closingStopsTheRegistryAndKeepsTheCallersFolder() throws Exception {
    Path folder = Files.createTempDirectory("hm-registry-test-");
    ContainerRegistry own = ContainerRegistry.start(folder);
    URI v2 = own.url().resolve("/v2/");
    assertThat(
            http.send(HttpRequest.newBuilder(v2).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(200);
    assertThat(own.log()).contains("listening on");

    own.close();

    assertThatThrownBy(
            () ->
                http.send(
                    HttpRequest.newBuilder(v2).build(), HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(ConnectException.class);
    assertThat(folder.resolve("config.yml")).exists();
  }

  @Test
  void itsOwnTemporaryFolderIsRemovedOnClose() throws IOException {
    ContainerRegistry own = ContainerRegistry.start();
    Path folder = own.folder();

    own.close();

    assertThat(folder).doesNotExist();
  }

  private HttpResponse<Void> head(String repository, String tag) throws Exception {
    return http.send(
        HttpRequest.newBuilder(registry.url().resolve("/v2/" + repository + "/manifests/" + tag))
            .header("Accept", ACCEPT)
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }
}
