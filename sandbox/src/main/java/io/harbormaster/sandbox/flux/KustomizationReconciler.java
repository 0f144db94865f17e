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
 * Plays kustomize-controller for one due Kustomization: fetches the tip of its GitRepository's branch,
 * builds {@code spec.path}, applies every object (Namespaces and CRDs first) labelled with the
 * Kustomization's name and namespace, prunes what left git when {@code spec.prune} is set, and records
 * the inventory and revision in its status. A source or build failure becomes Ready=False with Flux's
 * reason ({@code ArtifactFailed}, {@code BuildFailed}, {@code ReconciliationFailed}) and waits for the
 * next spec change or reconcile request.
 */
final class KustomizationReconciler implements Consumer<GenericKubernetesResource> {
  static final String FIELD_MANAGER = "kustomize-controller";
  private static final Set<String> APPLIED_FIRST = Set.of("Namespace", "CustomResourceDefinition");

  private final KubernetesClient client;
  private final GitSources sources;
  private final StatusWriter status;
  private final ObjectApplier applier;

  KustomizationReconciler(KubernetesClient client, GitSources sources, StatusWriter status) {
    this.client = client;
    this.sources = sources;
    this.status = status;
    this.applier = new ObjectApplier(client, FIELD_MANAGER);
  }

  @Override
  public void accept(GenericKubernetesResource kustomization) {
    SourceArtifact artifact;
    try {
      artifact = fetch(kustomization);
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

  /** The tip of the GitRepository's branch; records the artifact in the GitRepository's status too. */
  private SourceArtifact fetch(GenericKubernetesResource kustomization) {
    String kind = Fields.text(kustomization, "spec", "sourceRef", "kind").orElse("");
    if (!FluxType.GIT_REPOSITORY.kind().equals(kind)) {
      throw new SourceException("spec.sourceRef.kind is '" + kind + "': the simulation serves GitRepository sources only");
    }
    String namespace = Fields.text(kustomization, "spec", "sourceRef", "namespace").orElse(kustomization.getMetadata().getNamespace());
    String name = Fields.text(kustomization, "spec", "sourceRef", "name")
        .orElseThrow(() -> new SourceException("spec.sourceRef.name is missing: name the GitRepository to build from"));
    GenericKubernetesResource repository = FluxType.GIT_REPOSITORY.resources(client).inNamespace(namespace).withName(name).get();
    if (repository == null) {
      throw new SourceException("GitRepository " + namespace + "/" + name + " named by spec.sourceRef does not exist");
    }
    String url = Fields.text(repository, "spec", "url")
        .orElseThrow(() -> new SourceException("GitRepository " + namespace + "/" + name + " has no spec.url"));
    String branch = Fields.text(repository, "spec", "ref", "branch").orElse("master");
    try {
      SourceArtifact artifact = sources.fetch(url, branch);
      status.write(FluxType.GIT_REPOSITORY, repository, Map.of("artifact", Map.of("revision", artifact.revision())), List.of(
          status.condition(repository, "Ready", true, "Succeeded", "stored artifact for revision '" + artifact.revision() + "'")));
      return artifact;
    } catch (SourceException e) {
      status.write(FluxType.GIT_REPOSITORY, repository, Map.of(), List.of(
          status.condition(repository, "Ready", false, "GitOperationFailed", e.getMessage())));
      throw e;
    }
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
