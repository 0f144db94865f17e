package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.harbormaster.core.discovery.InventoryEntry;
import io.harbormaster.core.flux.ParentKustomization;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Plays kustomize-controller for one due Kustomization: takes the artifact its GitRepository last
 * stored (never a fetch of its own: a new commit arrives when source-controller fetches it), builds
 * {@code spec.path}, applies every object (Namespaces and CRDs first) labelled with the
 * Kustomization's name and namespace, prunes what left git when {@code spec.prune} is set, and records
 * the inventory and revision in its status. A source or build failure becomes Ready=False with Flux's
 * reason ({@code ArtifactFailed}, {@code BuildFailed}, {@code ReconciliationFailed}) and waits for the
 * next spec change or reconcile request.
 */
final class KustomizationReconciler implements Consumer<GenericKubernetesResource> {
  static final String FIELD_MANAGER = "kustomize-controller";
  private static final Set<String> APPLIED_FIRST = Set.of("Namespace", "CustomResourceDefinition");

  private final KubernetesClient client;
  private final StoredArtifacts artifacts;
  private final StatusWriter status;
  private final ObjectApplier applier;

  KustomizationReconciler(KubernetesClient client, StoredArtifacts artifacts, StatusWriter status) {
    this.client = client;
    this.artifacts = artifacts;
    this.status = status;
    this.applier = new ObjectApplier(client, FIELD_MANAGER);
  }

  @Override
  public void accept(GenericKubernetesResource kustomization) {
    status.reconciling(FluxType.KUSTOMIZATION, kustomization, "Reconciliation in progress");
    SourceArtifact artifact;
    try {
      artifact = artifact(kustomization);
    } catch (SourceException e) {
      fail(kustomization, "ArtifactFailed", e.getMessage(), Map.of());
      return;
    }
    Map<String, Object> attempted = Map.of("lastAttemptedRevision", artifact.revision());
    List<ObjectNode> objects;
    try {
      objects = new KustomizeBuild(artifact.files()).build(Fields.text(kustomization, "spec", "path").orElse("./"));
      objects.forEach(object -> prepare(kustomization, object));
    } catch (BuildException e) {
      fail(kustomization, "BuildFailed", "kustomize build failed: " + e.getMessage(), attempted);
      return;
    }
    List<InventoryItem> inventory;
    try {
      inventory = applyAll(objects);
      if (Fields.flag(kustomization, "spec", "prune")) {
        prune(kustomization, inventory);
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw e; // raced with another writer: the loop tries again
      }
      fail(kustomization, "ReconciliationFailed", "apply failed: " + e.getMessage(), attempted);
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>(attempted);
    fields.put("lastAppliedRevision", artifact.revision());
    fields.put("inventory", Map.of("entries", inventory.stream().map(InventoryItem::toStatus).collect(Collectors.toList())));
    status.write(FluxType.KUSTOMIZATION, kustomization, fields, List.of(
        status.condition(kustomization, "Ready", true, "ReconciliationSucceeded", "Applied revision: " + artifact.revision())));
  }

  /** The artifact its GitRepository last stored. */
  private SourceArtifact artifact(GenericKubernetesResource kustomization) {
    String kind = Fields.text(kustomization, "spec", "sourceRef", "kind").orElse("");
    if (!FluxType.GIT_REPOSITORY.kind().equals(kind)) {
      throw new SourceException("spec.sourceRef.kind is '" + kind + "': the simulation serves GitRepository sources only");
    }
    String namespace = sourceNamespace(kustomization);
    String name = Fields.text(kustomization, "spec", "sourceRef", "name")
        .orElseThrow(() -> new SourceException("spec.sourceRef.name is missing: name the GitRepository to build from"));
    if (FluxType.GIT_REPOSITORY.resources(client).inNamespace(namespace).withName(name).get() == null) {
      throw new SourceException("Source 'GitRepository/" + namespace + "/" + name + "' not found");
    }
    // kustomize-controller's words; the GitRepository's own Ready condition says why, when a fetch failed.
    return artifacts.of(namespace, name).orElseThrow(() -> new SourceException("Source artifact not found, retrying in 30s"));
  }

  /** Whether {@code kustomization} builds from GitRepository {@code namespace/name}: its new revision wakes it. */
  static boolean buildsFrom(GenericKubernetesResource kustomization, String namespace, String name) {
    return FluxType.GIT_REPOSITORY.kind().equals(Fields.text(kustomization, "spec", "sourceRef", "kind").orElse(""))
        && name.equals(Fields.text(kustomization, "spec", "sourceRef", "name").orElse(""))
        && namespace.equals(sourceNamespace(kustomization));
  }

  private static String sourceNamespace(GenericKubernetesResource kustomization) {
    return Fields.text(kustomization, "spec", "sourceRef", "namespace").orElse(kustomization.getMetadata().getNamespace());
  }

  /** Sets the target namespace and the labels by which Flux names an object's Kustomization. */
  private static void prepare(GenericKubernetesResource kustomization, ObjectNode object) {
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    boolean namespaced = ClusterScope.namespaced(object);
    Optional<String> target = Fields.text(kustomization, "spec", "targetNamespace");
    if (namespaced && target.isPresent()) {
      metadata.put("namespace", target.get());
    } else if (!namespaced) {
      metadata.remove("namespace");
    } else if (metadata.path("namespace").asText("").isEmpty()) {
      throw new BuildException(object.path("kind").asText() + "/" + metadata.path("name").asText()
          + " namespace not specified: set metadata.namespace in git or spec.targetNamespace");
    }
    ObjectNode labels = metadata.withObjectProperty("labels");
    labels.put(ParentKustomization.NAME_LABEL, kustomization.getMetadata().getName());
    labels.put(ParentKustomization.NAMESPACE_LABEL, kustomization.getMetadata().getNamespace());
  }

  private List<InventoryItem> applyAll(List<ObjectNode> objects) {
    List<ObjectNode> ordered = new ArrayList<>(objects);
    ordered.sort(Comparator.comparing(object -> !APPLIED_FIRST.contains(object.path("kind").asText())));
    List<InventoryItem> inventory = new ArrayList<>();
    for (ObjectNode object : ordered) {
      applier.apply(object);
      inventory.add(InventoryItem.of(object));
    }
    return inventory;
  }

  private void prune(GenericKubernetesResource kustomization, List<InventoryItem> kept) {
    Set<String> keptIds = kept.stream().map(entry -> entry.entry().id()).collect(Collectors.toSet());
    for (InventoryItem previous : InventoryItem.ofStatus(kustomization)) {
      if (!keptIds.contains(previous.entry().id())) {
        InventoryEntry gone = previous.entry();
        applier.delete(previous.apiVersion(), gone.kind(), gone.namespace(), gone.name());
      }
    }
  }

  private void fail(GenericKubernetesResource kustomization, String reason, String message, Map<String, Object> fields) {
    status.write(FluxType.KUSTOMIZATION, kustomization, fields, List.of(status.condition(kustomization, "Ready", false, reason, message)));
  }
}
