package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Applies objects the way a Flux controller does, under its field manager: creates what is missing
 * and brings what exists to the desired state with an {@link ApplyPatch} (no request when nothing
 * differs, so an unchanged object keeps its generation); deletes what the controller no longer
 * wants. What it applied is kept on the object ({@link #LAST_APPLIED}), where server-side apply
 * keeps field ownership, so the next apply removes only fields it set itself.
 */
final class ObjectApplier {
  static final String LAST_APPLIED = "sandbox.harbormaster.io/last-applied";

  private final KubernetesClient client;
  private final KubernetesSerialization json;
  private final PatchContext jsonPatch;

  ObjectApplier(KubernetesClient client, String fieldManager) {
    this.client = client;
    this.json = client.getKubernetesSerialization();
    this.jsonPatch =
        new PatchContext.Builder()
            .withPatchType(PatchType.JSON)
            .withFieldManager(fieldManager)
            .build();
  }

  void apply(ObjectNode applied) {
    ObjectNode desired = applied.deepCopy();
    desired
        .withObjectProperty("metadata")
        .withObjectProperty("annotations")
        .put(LAST_APPLIED, json.asJson(applied));
    GenericKubernetesResource object = json.convertValue(desired, GenericKubernetesResource.class);
    Resource<GenericKubernetesResource> resource =
        resources(object.getApiVersion(), object.getKind(), object.getMetadata().getNamespace())
            .withName(object.getMetadata().getName());
    GenericKubernetesResource live = resource.get();
    if (live == null) {
      resources(object.getApiVersion(), object.getKind(), object.getMetadata().getNamespace())
          .resource(object)
          .create();
      return;
    }
    ArrayNode patch =
        ApplyPatch.between(json.convertValue(live, JsonNode.class), desired, lastApplied(live));
    if (!patch.isEmpty()) {
      resource.patch(jsonPatch, json.asJson(patch));
    }
  }

  private JsonNode lastApplied(GenericKubernetesResource live) {
    String text = live.getMetadata().getAnnotations().get(LAST_APPLIED);
    return text == null ? MissingNode.getInstance() : json.unmarshal(text, JsonNode.class);
  }

  /** Deletes the object if it exists. */
  void delete(String apiVersion, String kind, String namespace, String name) {
    resources(apiVersion, kind, namespace).withName(name).delete();
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      resources(String apiVersion, String kind, String namespace) {
    var all = client.genericKubernetesResources(apiVersion, kind);
    return namespace == null || namespace.isEmpty() ? all : all.inNamespace(namespace);
  }
}
