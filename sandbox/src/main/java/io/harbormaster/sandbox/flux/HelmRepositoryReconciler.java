package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.common.hash.Hashing;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Plays source-controller for one HelmRepository of the default (HTTP) type: on the repository's
 * interval or when asked, never otherwise, it downloads {@code <spec.url>/index.yaml} over HTTP
 * (with the {@code username} and {@code password} of {@code spec.secretRef}, if any), and stores
 * the index whose SHA-256 is the artifact's revision. A new index wakes the HelmCharts built from
 * it.
 *
 * <p>As source-controller does, a download that fails (connection refused, a status other than 200)
 * is FetchFailed=True and Ready=False with reason {@code Failed} and message {@code failed to fetch
 * Helm repository index: failed to cache index to temporary file: failed to fetch <url> :
 * <status>}; an index that does not load is {@code IndexationFailed} ({@code failed to load Helm
 * repository from index YAML: ...}); a Secret it cannot read is {@code AuthenticationFailed}. Each
 * is retried with backoff, and the last index stored stays.
 */
final class HelmRepositoryReconciler implements FluxReconciler {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * Why a fetch failed: source-controller's reason and message, and whether retrying cannot help
   * until the spec changes.
   */
  private static final class FetchFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final boolean stalling;

    FetchFailure(String reason, String message) {
      this(reason, message, false);
    }

    FetchFailure(String reason, String message, boolean stalling) {
      super(message);
      this.reason = reason;
      this.stalling = stalling;
    }
  }

  private final KubernetesClient client;
  private final HelmIndexes indexes;
  private final SourceFetches fetches;
  private final StatusWriter status;
  private final BiConsumer<String, String> onNewIndex;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  HelmRepositoryReconciler(
      KubernetesClient client,
      HelmIndexes indexes,
      SourceFetches fetches,
      StatusWriter status,
      BiConsumer<String, String> onNewIndex) {
    this.client = client;
    this.indexes = indexes;
    this.fetches = fetches;
    this.status = status;
    this.onNewIndex = onNewIndex;
  }

  @Override
  public Outcome reconcile(GenericKubernetesResource repository) {
    if ("oci".equals(Fields.text(repository, "spec", "type").orElse("default"))) {
      // source-controller keeps no artifact and writes no status for an OCI HelmRepository: the
      // HelmCharts built from it pull from the registry themselves (which the sandbox leaves out).
      return Outcome.stopped();
    }
    String namespace = repository.getMetadata().getNamespace();
    String name = repository.getMetadata().getName();
    byte[] body;
    Map<String, Set<String>> index;
    try {
      body = download(repository);
      index = load(body);
    } catch (FetchFailure e) {
      if (e.stalling) {
        status
            .update(FluxType.HELM_REPOSITORY, repository)
            .condition("FetchFailed", true, e.reason, e.getMessage())
            .condition("Ready", false, e.reason, e.getMessage())
            .condition("Stalled", true, e.reason, e.getMessage())
            .without("Reconciling")
            .observed()
            .write();
        return Outcome.stopped();
      }
      return fetches.failed(FluxType.HELM_REPOSITORY, repository, e.reason, e.getMessage());
    }
    String revision = "sha256:" + Hashing.sha256().hashBytes(body);
    boolean changed = indexes.store(namespace, name, index);
    String stored = "stored artifact: revision '" + revision + "'";
    Map<String, Object> artifact = new LinkedHashMap<>();
    artifact.put("revision", revision);
    artifact.put("digest", revision);
    artifact.put("size", body.length);
    status
        .update(FluxType.HELM_REPOSITORY, repository)
        .field("artifact", artifact)
        .condition("Ready", true, "Succeeded", stored)
        .condition("ArtifactInStorage", true, "Succeeded", stored)
        .without("FetchFailed", "Stalled")
        .finalized()
        .write();
    if (changed) {
      onNewIndex.accept(namespace, name);
    }
    return Outcome.done();
  }

  @Override
  public void whileSuspended(GenericKubernetesResource repository) {
    status.update(FluxType.HELM_REPOSITORY, repository).finalized().writeIfChanged();
  }

  /** {@code <spec.url>/index.yaml}, as Helm's HTTP getter downloads it. */
  private byte[] download(GenericKubernetesResource repository) throws FetchFailure {
    String base = Fields.text(repository, "spec", "url").orElse("");
    if (base.startsWith("oci://")) {
      throw new FetchFailure(
          "URLInvalid",
          "invalid Helm repository URL: 'oci' URL scheme cannot be used with 'default'"
              + " HelmRepository type",
          true);
    }
    String url = base.replaceAll("/+$", "") + "/index.yaml";
    HttpRequest.Builder request;
    try {
      if (!base.startsWith("http://") && !base.startsWith("https://")) {
        throw new IllegalArgumentException("scheme must be http, https or oci: '" + base + "'");
      }
      request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET();
    } catch (IllegalArgumentException e) {
      throw new FetchFailure("URLInvalid", "invalid Helm repository URL: " + e.getMessage(), true);
    }
    basicAuth(repository).ifPresent(credentials -> request.header("Authorization", credentials));
    String failed =
        "failed to fetch Helm repository index: failed to cache index to temporary file: ";
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new FetchFailure(
          "Failed",
          failed
              + "Get \""
              + url
              + "\": dial tcp "
              + URI.create(url).getHost()
              + ":"
              + port(URI.create(url))
              + ": connect: connection refused");
    } catch (HttpTimeoutException e) {
      throw new FetchFailure(
          "Failed",
          failed
              + "Get \""
              + url
              + "\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
    } catch (IOException e) {
      throw new FetchFailure("Failed", failed + "Get \"" + url + "\": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchFailure("Failed", failed + "Get \"" + url + "\": interrupted");
    }
    if (response.statusCode() != 200) {
      throw new FetchFailure(
          "Failed", failed + "failed to fetch " + url + " : " + statusLine(response.statusCode()));
    }
    return response.body();
  }

  /**
   * The {@code Authorization} header of {@code spec.secretRef}'s {@code username} and {@code
   * password}.
   */
  private Optional<String> basicAuth(GenericKubernetesResource repository) throws FetchFailure {
    Optional<String> secretName = Fields.text(repository, "spec", "secretRef", "name");
    if (secretName.isEmpty()) {
      return Optional.empty();
    }
    String namespace = repository.getMetadata().getNamespace();
    Secret secret = client.secrets().inNamespace(namespace).withName(secretName.get()).get();
    if (secret == null) {
      throw new FetchFailure(
          "AuthenticationFailed",
          "failed to get authentication secret '"
              + namespace
              + "/"
              + secretName.get()
              + "': secrets \""
              + secretName.get()
              + "\" not found");
    }
    Map<String, String> data = Optional.ofNullable(secret.getData()).orElse(Map.of());
    if (!data.containsKey("username") || !data.containsKey("password")) {
      return Optional.empty();
    }
    String credentials = decode(data.get("username")) + ":" + decode(data.get("password"));
    return Optional.of(
        "Basic "
            + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
  }

  /** Each chart's versions, from an index as Helm loads it. */
  private static Map<String, Set<String>> load(byte[] body) throws FetchFailure {
    String failed = "failed to load Helm repository from index YAML: failed to load index: ";
    if (body.length == 0) {
      throw new FetchFailure("IndexationFailed", failed + "empty index.yaml file");
    }
    JsonNode index;
    try {
      index = YAML.readTree(body);
    } catch (JsonProcessingException e) {
      throw new FetchFailure("IndexationFailed", failed + e.getOriginalMessage());
    } catch (IOException e) {
      throw new FetchFailure("IndexationFailed", failed + e.getMessage());
    }
    if (index == null || index.path("apiVersion").asText("").isEmpty()) {
      throw new FetchFailure("IndexationFailed", failed + "no API version specified");
    }
    Map<String, Set<String>> versions = new TreeMap<>();
    index
        .path("entries")
        .fields()
        .forEachRemaining(
            chart -> {
              Set<String> listed = new TreeSet<>();
              chart.getValue().forEach(entry -> listed.add(entry.path("version").asText("")));
              listed.remove("");
              versions.put(chart.getKey(), listed);
            });
    return versions;
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  private static int port(URI url) {
    return url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
  }

  /** Go's {@code resp.Status}: code and reason phrase. */
  private static String statusLine(int code) {
    String phrase =
        switch (code) {
          case 400 -> "Bad Request";
          case 401 -> "Unauthorized";
          case 403 -> "Forbidden";
          case 404 -> "Not Found";
          case 405 -> "Method Not Allowed";
          case 500 -> "Internal Server Error";
          case 502 -> "Bad Gateway";
          case 503 -> "Service Unavailable";
          default -> "";
        };
    return phrase.isEmpty() ? String.valueOf(code) : code + " " + phrase;
  }
}
