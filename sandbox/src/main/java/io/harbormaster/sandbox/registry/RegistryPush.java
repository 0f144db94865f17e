package io.harbormaster.sandbox.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Pushes through the Distribution API as a client such as {@code docker push} or {@code helm push}
 * does: each blob by a monolithic upload ({@code POST /v2/<name>/blobs/uploads/}, then {@code PUT}
 * the bytes to the upload's location with {@code ?digest=}), then the manifest naming them ({@code
 * PUT /v2/<name>/manifests/<tag>}).
 */
final class RegistryPush {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String IMAGE_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  static final String HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";
  static final String HELM_CHART = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  RegistryPush(URI base) {
    this.base = base;
  }

  String image(String repository, String tag) {
    byte[] tar = tar("etc/hostname", "harbormaster-test\n");
    byte[] layer = gzip(tar);
    ObjectNode config = JSON.createObjectNode();
    config.put("architecture", "amd64");
    config.put("os", "linux");
    config.putObject("config");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    rootfs.putArray("diff_ids").add(digest(tar));
    return manifest(repository, tag, IMAGE_CONFIG, bytes(config), IMAGE_LAYER, layer);
  }

  String chart(String path, String name, String version) {
    String chartYaml =
        """
        apiVersion: v2
        name: %s
        version: %s
        """
            .formatted(name, version);
    byte[] chart = gzip(tar(name + "/Chart.yaml", chartYaml));
    ObjectNode config = JSON.createObjectNode();
    config.put("apiVersion", "v2");
    config.put("name", name);
    config.put("version", version);
    return manifest(
        path + "/" + name,
        version.replace('+', '_'),
        HELM_CONFIG,
        bytes(config),
        HELM_CHART,
        chart);
  }

  List<String> tags(String repository) {
    HttpResponse<byte[]> answer =
        send(
            HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/tags/list")).GET(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (answer.statusCode() == 404) {
      return List.of();
    }
    expect(answer, 200, "list the tags of " + repository);
    List<String> tags = new ArrayList<>();
    try {
      JSON.readTree(answer.body()).path("tags").forEach(tag -> tags.add(tag.asText()));
    } catch (IOException e) {
      throw new UncheckedIOException("the registry's tag list is not JSON", e);
    }
    return tags;
  }

  private String manifest(
      String repository,
      String tag,
      String configType,
      byte[] config,
      String layerType,
      byte[] layer) {
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", OCI_MANIFEST);
    manifest.set("config", descriptor(configType, upload(repository, config), config.length));
    manifest.putArray("layers").add(descriptor(layerType, upload(repository, layer), layer.length));
    byte[] body = bytes(manifest);
    HttpResponse<byte[]> answer =
        send(
            HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", OCI_MANIFEST)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)),
            HttpResponse.BodyHandlers.ofByteArray());
    expect(answer, 201, "put the manifest of " + repository + ":" + tag);
    return digest(body);
  }

  /** Uploads {@code blob} to {@code repository} in one piece; returns its digest. */
  private String upload(String repository, byte[] blob) {
    String digest = digest(blob);
    HttpResponse<byte[]> started =
        send(
            HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            HttpResponse.BodyHandlers.ofByteArray());
    expect(started, 202, "start a blob upload to " + repository);
    String location =
        started
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new IllegalStateException("the upload has no Location"));
    URI upload = base.resolve(location);
    String query = upload.getRawQuery();
    URI put =
        URI.create(
            upload.toString()
                + (query == null ? "?" : "&")
                + "digest="
                + URLEncoder.encode(digest, StandardCharsets.UTF_8));
    HttpResponse<byte[]> finished =
        send(
            HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)),
            HttpResponse.BodyHandlers.ofByteArray());
    expect(finished, 201, "finish the blob upload to " + repository);
    return digest;
  }

  private <T> HttpResponse<T> send(
      HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(30)).build(), handler);
    } catch (IOException e) {
      throw new UncheckedIOException("the registry at " + base + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while talking to the registry", e);
    }
  }

  private static void expect(HttpResponse<byte[]> answer, int status, String what) {
    if (answer.statusCode() != status) {
      throw new IllegalStateException(
          "cannot "
              + what
              + ": HTTP "
              + answer.statusCode()
              + " "
              + new String(answer.body(), StandardCharsets.UTF_8));
    }
  }

  private static JsonNode descriptor(String mediaType, String digest, long size) {
    ObjectNode descriptor = JSON.createObjectNode();
    descriptor.put("mediaType", mediaType);
    descriptor.put("digest", digest);
    descriptor.put("size", size);
    return descriptor;
  }

  private static byte[] bytes(JsonNode json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A tarball holding one file, with a fixed modification time. */
  private static byte[] tar(String path, String content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry(path);
      entry.setSize(data.length);
      entry.setModTime(new Date(0));
      tar.putArchiveEntry(entry);
      tar.write(data);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a tarball", e);
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot gzip", e);
    }
    return bytes.toByteArray();
  }

  static String digest(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
