package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.harbormaster.sandbox.flux.ReleaseStorage.StoredRelease;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What Helm itself does for the simulated helm-controller: renders a chart, applies its objects
 * with Helm's ownership metadata, stores each revision in Helm's Secret storage (pending while it
 * waits, then deployed or failed, the one before superseded), rolls back to the previous release,
 * uninstalls, and judges a release's workloads ready as {@code helm --wait} does.
 */
final class HelmActions {
  static final String FIELD_MANAGER = "helm-controller";
  static final String NAME_LABEL = "helm.toolkit.fluxcd.io/name";
  static final String NAMESPACE_LABEL = "helm.toolkit.fluxcd.io/namespace";
  private static final int MAX_HISTORY = 5;

  private final ObjectApplier applier;
  private final ReleaseStorage storage;
  private final Readiness readiness;
  private final KubernetesSerialization json;
  private final StatusWriter clock;

  HelmActions(KubernetesClient client, StatusWriter clock) {
    this.applier = new ObjectApplier(client, FIELD_MANAGER);
    this.storage = new ReleaseStorage(client);
    this.readiness = new Readiness(client);
    this.json = client.getKubernetesSerialization();
    this.clock = clock;
  }

  /** The release's stored revisions, oldest first. */
  List<StoredRelease> stored(HelmTarget target) {
    return storage.list(target.storageNamespace(), target.release());
  }

  /**
   * The chart's objects in the release namespace, labelled as helm-controller post-renders them.
   */
  List<ObjectNode> render(GenericKubernetesResource helmRelease, HelmTarget target) {
    List<ObjectNode> objects = new ArrayList<>();
    for (HasMetadata rendered :
        target
            .requireChart()
            .render(target.release(), target.namespace(), target.version(), target.values())) {
      ObjectNode object = json.convertValue(rendered, ObjectNode.class);
      ObjectNode metadata = object.withObjectProperty("metadata");
      if (ClusterScope.namespaced(object) && metadata.path("namespace").asText("").isEmpty()) {
        metadata.put("namespace", target.namespace());
      }
      ObjectNode labels = metadata.withObjectProperty("labels");
      labels.put(NAME_LABEL, helmRelease.getMetadata().getName());
      labels.put(NAMESPACE_LABEL, helmRelease.getMetadata().getNamespace());
      objects.add(object);
    }
    return objects;
  }

  /** The newest revision is deployed at the target's chart version and values: nothing to do. */
  boolean inSync(List<StoredRelease> stored, HelmTarget target) {
    if (stored.isEmpty()) {
      return false;
    }
    ObjectNode newest = stored.get(stored.size() - 1).release();
    return "deployed".equals(newest.path("info").path("status").asText())
        && target.version().equals(newest.path("chart").path("metadata").path("version").asText())
        && json.convertValue(target.values(), JsonNode.class).equals(newest.path("config"));
  }

  /**
   * Applies {@code objects}, deletes what the deployed revision had and they lack, and stores a
   * pending revision.
   */
  StoredRelease release(
      HelmTarget target, List<ObjectNode> objects, List<StoredRelease> stored, String action) {
    for (ObjectNode object : objects) {
      applier.apply(withOwnership(object, target));
    }
    deployed(stored).ifPresent(previous -> prune(previous, objects, target));
    int version = stored.isEmpty() ? 1 : stored.get(stored.size() - 1).version() + 1;
    String firstDeployed =
        stored.isEmpty()
            ? clock.now()
            : stored.get(0).release().path("info").path("first_deployed").asText();
    ObjectNode release =
        releaseJson(
            target.release(),
            target.namespace(),
            version,
            firstDeployed,
            "pending-" + action,
            "Preparing " + action);
    ObjectNode metadata = release.putObject("chart").putObject("metadata");
    metadata.put("name", target.requireChart().name());
    metadata.put("version", target.version());
    metadata.put("appVersion", target.requireChart().versions().get(target.version()));
    metadata.put("apiVersion", "v2");
    release.set("config", json.convertValue(target.values(), JsonNode.class));
    release.put("manifest", HelmManifest.of(target.requireChart().name(), objects));
    storage.create(target.storageNamespace(), release);
    return newest(stored(target)).orElseThrow();
  }

  /** Re-applies a deployed revision's objects, as drift correction does: no new revision. */
  void correctDrift(HelmTarget target, StoredRelease deployed) {
    for (ObjectNode object :
        HelmManifest.objects(deployed.release().path("manifest").asText(), target.namespace())) {
      applier.apply(withOwnership(object, target));
    }
  }

  /** Every workload the revision installed has rolled out and is ready. */
  boolean workloadsReady(HelmTarget target, StoredRelease release) {
    return HelmManifest.objects(release.release().path("manifest").asText(), target.namespace())
        .stream()
        .allMatch(
            object ->
                readiness.of(
                        object.path("apiVersion").asText(),
                        object.path("kind").asText(),
                        object.path("metadata").path("namespace").asText(""),
                        object.path("metadata").path("name").asText())
                    == Readiness.Status.CURRENT);
  }

  /** The pending revision is deployed; every other deployed one superseded. */
  void markDeployed(HelmTarget target, StoredRelease pending, String description) {
    storage.setStatus(pending, "deployed", description);
    stored(target).stream()
        .filter(
            release ->
                release.version() != pending.version() && "deployed".equals(release.status()))
        .forEach(release -> storage.setStatus(release, "superseded"));
  }

  void markFailed(StoredRelease pending, String description) {
    storage.setStatus(pending, "failed", description);
  }

  /**
   * Rolls back to the newest revision before the failed one that was deployed or superseded: stores
   * it again as a new deployed revision and applies its objects.
   *
   * @return the revision rolled back to; empty when there is none
   */
  Optional<StoredRelease> rollback(HelmTarget target) {
    List<StoredRelease> stored = stored(target);
    StoredRelease failed = stored.get(stored.size() - 1);
    Optional<StoredRelease> previous =
        stored.stream()
            .filter(release -> release.version() < failed.version())
            .filter(release -> Set.of("deployed", "superseded").contains(release.status()))
            .reduce((older, newer) -> newer);
    if (previous.isEmpty()) {
      return Optional.empty();
    }
    List<ObjectNode> objects =
        HelmManifest.objects(
            previous.get().release().path("manifest").asText(), target.namespace());
    for (ObjectNode object : objects) {
      applier.apply(withOwnership(object, target));
    }
    prune(failed, objects, target);
    ObjectNode release = previous.get().release().deepCopy();
    release.set(
        "info",
        info(
            stored.get(0).release().path("info").path("first_deployed").asText(),
            "deployed",
            "Rollback to " + previous.get().version()));
    release.put("version", failed.version() + 1);
    storage.create(target.storageNamespace(), release);
    stored.forEach(older -> storage.setStatus(older, "superseded"));
    return previous;
  }

  /**
   * Deletes the newest revision's objects and every stored revision, as {@code helm uninstall}
   * does.
   */
  void uninstall(HelmTarget target) {
    List<StoredRelease> stored = stored(target);
    newest(stored).ifPresent(newest -> prune(newest, List.of(), target));
    stored.forEach(storage::delete);
  }

  /** {@code status.history}: the stored revisions, newest first, as helm-controller's snapshots. */
  List<Map<String, Object>> history(HelmTarget target) {
    List<StoredRelease> stored = new ArrayList<>(stored(target));
    stored.sort(Comparator.comparingInt(StoredRelease::version).reversed());
    return stored.stream()
        .limit(MAX_HISTORY)
        .map(StoredRelease::release)
        .map(HelmActions::snapshot)
        .collect(Collectors.toList());
  }

  /** {@code sha256:<hex>} of the values, as helm-controller digests a release's config. */
  String configDigest(Map<String, Object> values) {
    return HelmManifest.digest(json.convertValue(values, JsonNode.class).toString());
  }

  /** {@code chart@version} of a stored revision. */
  static String chartOf(StoredRelease release) {
    JsonNode metadata = release.release().path("chart").path("metadata");
    return metadata.path("name").asText() + "@" + metadata.path("version").asText();
  }

  static Optional<StoredRelease> newest(List<StoredRelease> stored) {
    return stored.isEmpty() ? Optional.empty() : Optional.of(stored.get(stored.size() - 1));
  }

  private static Optional<StoredRelease> deployed(List<StoredRelease> stored) {
    return stored.stream()
        .filter(release -> "deployed".equals(release.status()))
        .reduce((older, newer) -> newer);
  }

  private static Map<String, Object> snapshot(ObjectNode release) {
    JsonNode chart = release.path("chart").path("metadata");
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("name", release.path("name").asText());
    snapshot.put("namespace", release.path("namespace").asText());
    snapshot.put("version", release.path("version").asInt());
    snapshot.put("status", release.path("info").path("status").asText());
    snapshot.put("chartName", chart.path("name").asText());
    snapshot.put("chartVersion", chart.path("version").asText());
    snapshot.put("appVersion", chart.path("appVersion").asText());
    snapshot.put("configDigest", HelmManifest.digest(release.path("config").toString()));
    snapshot.put("digest", HelmManifest.digest(release.toString()));
    snapshot.put("firstDeployed", release.path("info").path("first_deployed").asText());
    snapshot.put("lastDeployed", release.path("info").path("last_deployed").asText());
    return snapshot;
  }

  /**
   * Helm marks what it installs with the release it belongs to; the manifest it stores does not
   * hold it.
   */
  private static ObjectNode withOwnership(ObjectNode object, HelmTarget target) {
    ObjectNode owned = object.deepCopy();
    ObjectNode metadata = owned.withObjectProperty("metadata");
    metadata.withObjectProperty("labels").put("app.kubernetes.io/managed-by", "Helm");
    metadata
        .withObjectProperty("annotations")
        .put("meta.helm.sh/release-name", target.release())
        .put("meta.helm.sh/release-namespace", target.namespace());
    return owned;
  }

  /** Deletes what {@code previous} installed and {@code kept} lacks. */
  private void prune(StoredRelease previous, List<ObjectNode> kept, HelmTarget target) {
    Set<String> keys = kept.stream().map(HelmManifest::key).collect(Collectors.toSet());
    for (ObjectNode old :
        HelmManifest.objects(previous.release().path("manifest").asText(), target.namespace())) {
      if (!keys.contains(HelmManifest.key(old))) {
        JsonNode metadata = old.path("metadata");
        applier.delete(
            old.path("apiVersion").asText(),
            old.path("kind").asText(),
            metadata.path("namespace").asText(""),
            metadata.path("name").asText());
      }
    }
  }

  private ObjectNode releaseJson(
      String name,
      String namespace,
      int version,
      String firstDeployed,
      String status,
      String description) {
    ObjectNode release = JsonNodeFactory.instance.objectNode();
    release.put("name", name);
    release.set("info", info(firstDeployed, status, description));
    release.put("version", version);
    release.put("namespace", namespace);
    return release;
  }

  private ObjectNode info(String firstDeployed, String status, String description) {
    ObjectNode info = JsonNodeFactory.instance.objectNode();
    info.put("first_deployed", firstDeployed);
    info.put("last_deployed", clock.now());
    info.put("deleted", "");
    info.put("description", description);
    info.put("status", status);
    return info;
  }
}
