package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.harbormaster.core.discovery.HelmReleaseNames;
import io.harbormaster.core.version.SemanticVersion;
import io.harbormaster.sandbox.flux.ReleaseStorage.StoredRelease;
import io.harbormaster.sandbox.flux.chart.Chart;
import io.harbormaster.sandbox.flux.chart.ChartCatalogue;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Plays helm-controller for one due HelmRelease: renders its chart from the {@link ChartCatalogue},
 * applies the objects with Helm's ownership metadata, stores the revision as Helm does (the previous
 * one becomes {@code superseded}), deletes objects the new revision dropped, and writes the status
 * (history newest first, Ready with {@code InstallSucceeded} or {@code UpgradeSucceeded}). A release
 * already in sync with the chart version, values and rendered manifest is re-applied without a new
 * revision. Failures become Ready=False: {@code ArtifactFailed} for a chart or version the catalogue
 * lacks, {@code InstallFailed}/{@code UpgradeFailed} for a render or apply error; the latter also
 * Stalled=True ({@code RetriesExceeded}), as helm-controller reports a release whose remediation
 * retries (none by default) ran out, until the spec changes.
 */
final class HelmReleaseReconciler implements Consumer<GenericKubernetesResource> {
  static final String FIELD_MANAGER = "helm-controller";
  static final String NAME_LABEL = "helm.toolkit.fluxcd.io/name";
  static final String NAMESPACE_LABEL = "helm.toolkit.fluxcd.io/namespace";
  private static final int MAX_HISTORY = 5;

  private final ChartCatalogue charts;
  private final StatusWriter status;
  private final ObjectApplier applier;
  private final ReleaseStorage storage;
  private final KubernetesSerialization json;

  HelmReleaseReconciler(KubernetesClient client, ChartCatalogue charts, StatusWriter status) {
    this.charts = charts;
    this.status = status;
    this.applier = new ObjectApplier(client, FIELD_MANAGER);
    this.storage = new ReleaseStorage(client);
    this.json = client.getKubernetesSerialization();
  }

  /** What one reconcile works with, resolved from the HelmRelease's spec. */
  private record Target(String release, String namespace, String storageNamespace, Chart chart, String version, Map<String, Object> values) {
    String describe() {
      return namespace + "/" + release;
    }
  }

  @Override
  public void accept(GenericKubernetesResource helmRelease) {
    status.reconciling(FluxType.HELM_RELEASE, helmRelease, "Reconciliation in progress");
    Target target;
    try {
      target = target(helmRelease);
    } catch (IllegalArgumentException e) {
      fail(helmRelease, "ArtifactFailed", e.getMessage(), Map.of());
      return;
    }
    List<StoredRelease> stored = storage.list(target.storageNamespace(), target.release());
    Optional<StoredRelease> current = stored.stream().filter(release -> "deployed".equals(release.status())).reduce((older, newer) -> newer);
    boolean install = stored.isEmpty();
    String action = install ? "install" : "upgrade";
    Map<String, Object> attempted = new LinkedHashMap<>();
    attempted.put("lastAttemptedRevision", target.version());
    attempted.put("lastAttemptedReleaseAction", action);
    attempted.put("storageNamespace", target.storageNamespace());
    try {
      List<ObjectNode> objects = render(helmRelease, target);
      String manifest = HelmManifest.of(target.chart().name(), objects);
      for (ObjectNode object : objects) {
        applier.apply(withOwnership(object, target));
      }
      if (current.isPresent() && inSync(current.get().release(), target, manifest)) {
        supersedeAllBut(stored, current.get().version());
        succeed(helmRelease, target, current.get().version() == 1 ? "install" : "upgrade", current.get().version(), attempted);
        return;
      }
      current.ifPresent(previous -> prune(previous, objects, target));
      int version = stored.isEmpty() ? 1 : stored.get(stored.size() - 1).version() + 1;
      String firstDeployed = stored.isEmpty() ? status.now() : stored.get(0).release().path("info").path("first_deployed").asText();
      storage.create(target.storageNamespace(), releaseJson(target, version, manifest, firstDeployed, install));
      supersedeAllBut(stored, version);
      succeed(helmRelease, target, action, version, attempted);
    } catch (IllegalArgumentException e) {
      failRelease(helmRelease, target, install, e.getMessage(), attempted);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw e; // raced with another writer: the loop tries again
      }
      failRelease(helmRelease, target, install, e.getMessage(), attempted);
    }
  }

  /** Only the newest revision stays {@code deployed}, also after a reconcile cut short between two writes. */
  private void supersedeAllBut(List<StoredRelease> stored, int deployed) {
    stored.stream()
        .filter(release -> release.version() != deployed && "deployed".equals(release.status()))
        .forEach(release -> storage.setStatus(release, "superseded"));
  }

  private Target target(GenericKubernetesResource helmRelease) {
    String chartName = Fields.text(helmRelease, "spec", "chart", "spec", "chart")
        .orElseThrow(() -> new IllegalArgumentException("spec.chart.spec.chart is missing: name the chart to install"));
    Chart chart = charts.chart(chartName).orElseThrow(() -> new IllegalArgumentException(
        "chart '" + chartName + "' is not in the sandbox's chart catalogue (it has " + charts.names() + "): fix spec.chart.spec.chart"));
    String name = helmRelease.getMetadata().getName();
    String namespace = helmRelease.getMetadata().getNamespace();
    Optional<String> targetNamespace = Fields.text(helmRelease, "spec", "targetNamespace");
    return new Target(
        HelmReleaseNames.releaseName(name, targetNamespace, Fields.text(helmRelease, "spec", "releaseName")),
        targetNamespace.orElse(namespace),
        HelmReleaseNames.storageNamespace(namespace, Fields.text(helmRelease, "spec", "storageNamespace")),
        chart,
        version(chart, Fields.text(helmRelease, "spec", "chart", "spec", "version")),
        Fields.map(helmRelease, "spec", "values"));
  }

  /** The exact version asked for, or the newest when none or {@code *} is. */
  private static String version(Chart chart, Optional<String> asked) {
    if (asked.isEmpty() || asked.get().equals("*")) {
      return chart.versions().keySet().stream()
          .max(Comparator.comparing(v -> SemanticVersion.parse(v).orElseThrow(
              () -> new IllegalArgumentException("chart " + chart.name() + " has a version that is not semantic: " + v))))
          .orElseThrow();
    }
    if (!chart.versions().containsKey(asked.get())) {
      throw new IllegalArgumentException("chart '" + chart.name() + "' has no version '" + asked.get() + "' (it has "
          + new TreeSet<>(chart.versions().keySet()) + "; the simulation takes exact versions only): fix spec.chart.spec.version");
    }
    return asked.get();
  }

  /** The chart's objects in the release namespace, post-rendered with helm-controller's labels. */
  private List<ObjectNode> render(GenericKubernetesResource helmRelease, Target target) {
    List<ObjectNode> objects = new ArrayList<>();
    for (HasMetadata rendered : target.chart().render(target.release(), target.namespace(), target.version(), target.values())) {
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

  /** Helm marks what it installs with the release it belongs to; the manifest it stores does not hold it. */
  private static ObjectNode withOwnership(ObjectNode object, Target target) {
    ObjectNode owned = object.deepCopy();
    ObjectNode metadata = owned.withObjectProperty("metadata");
    metadata.withObjectProperty("labels").put("app.kubernetes.io/managed-by", "Helm");
    metadata.withObjectProperty("annotations").put("meta.helm.sh/release-name", target.release()).put("meta.helm.sh/release-namespace", target.namespace());
    return owned;
  }

  private boolean inSync(ObjectNode release, Target target, String manifest) {
    JsonNode config = json.convertValue(target.values(), JsonNode.class);
    return target.version().equals(release.path("chart").path("metadata").path("version").asText())
        && config.equals(release.path("config"))
        && manifest.equals(release.path("manifest").asText());
  }

  /** Deletes what the previous revision installed and the new one does not, as Helm does on upgrade. */
  private void prune(StoredRelease previous, List<ObjectNode> objects, Target target) {
    Set<String> kept = objects.stream().map(HelmManifest::key).collect(Collectors.toSet());
    for (ObjectNode old : HelmManifest.objects(previous.release().path("manifest").asText(), target.namespace())) {
      if (!kept.contains(HelmManifest.key(old))) {
        JsonNode metadata = old.path("metadata");
        applier.delete(old.path("apiVersion").asText(), old.path("kind").asText(), metadata.path("namespace").asText(""), metadata.path("name").asText());
      }
    }
  }

  private ObjectNode releaseJson(Target target, int version, String manifest, String firstDeployed, boolean install) {
    String appVersion = target.chart().versions().get(target.version());
    ObjectNode release = JsonNodeFactory.instance.objectNode();
    release.put("name", target.release());
    ObjectNode info = release.putObject("info");
    info.put("first_deployed", firstDeployed);
    info.put("last_deployed", status.now());
    info.put("deleted", "");
    info.put("description", install ? "Install complete" : "Upgrade complete");
    info.put("status", "deployed");
    ObjectNode metadata = release.putObject("chart").putObject("metadata");
    metadata.put("name", target.chart().name());
    metadata.put("version", target.version());
    metadata.put("appVersion", appVersion);
    metadata.put("apiVersion", "v2");
    release.set("config", json.convertValue(target.values(), JsonNode.class));
    release.put("manifest", manifest);
    release.put("version", version);
    release.put("namespace", target.namespace());
    return release;
  }

  private void succeed(GenericKubernetesResource helmRelease, Target target, String action, int version, Map<String, Object> attempted) {
    Map<String, Object> fields = new LinkedHashMap<>(attempted);
    fields.put("history", history(target));
    String reason = action.equals("install") ? "InstallSucceeded" : "UpgradeSucceeded";
    String message = "Helm " + action + " succeeded for release " + target.describe() + ".v" + version + " with chart "
        + target.chart().name() + "@" + target.version();
    status.write(FluxType.HELM_RELEASE, helmRelease, fields, List.of(
        status.condition(helmRelease, "Ready", true, reason, message),
        status.condition(helmRelease, "Released", true, reason, message)));
  }

  /** {@code status.history}: the stored revisions, newest first, as helm-controller's snapshots. */
  private List<Map<String, Object>> history(Target target) {
    List<StoredRelease> stored = new ArrayList<>(storage.list(target.storageNamespace(), target.release()));
    stored.sort(Comparator.comparingInt(StoredRelease::version).reversed());
    return stored.stream().limit(MAX_HISTORY).map(StoredRelease::release).map(HelmReleaseReconciler::snapshot).collect(Collectors.toList());
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

  private void failRelease(GenericKubernetesResource helmRelease, Target target, boolean install, String cause, Map<String, Object> attempted) {
    String action = install ? "install" : "upgrade";
    String message =
        "Helm " + action + " failed for release " + target.describe() + " with chart " + target.chart().name() + "@" + target.version() + ": " + cause;
    status.write(FluxType.HELM_RELEASE, helmRelease, attempted, List.of(
        status.condition(helmRelease, "Ready", false, install ? "InstallFailed" : "UpgradeFailed", message),
        status.condition(helmRelease, "Stalled", true, "RetriesExceeded", "Failed to " + action + " after 1 attempt(s)")));
  }

  private void fail(GenericKubernetesResource helmRelease, String reason, String message, Map<String, Object> fields) {
    status.write(FluxType.HELM_RELEASE, helmRelease, fields, List.of(status.condition(helmRelease, "Ready", false, reason, message)));
  }
}
