package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a Kustomization's {@code status.inventory.entries}: {@code id} {@code
 * <namespace>_<name>_<group>_<kind>} (a name's colons written {@code __}, as kustomize-controller's
 * object metadata ids do) and {@code v}, the version. Written here from Flux's documentation, not
 * with Harbormaster's reader.
 */
record InventoryItem(String namespace, String name, String group, String kind, String version) {
  static InventoryItem of(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    int slash = apiVersion.indexOf('/');
    return new InventoryItem(
        object.path("metadata").path("namespace").asText(""),
        object.path("metadata").path("name").asText(),
        slash < 0 ? "" : apiVersion.substring(0, slash),
        object.path("kind").asText(),
        slash < 0 ? apiVersion : apiVersion.substring(slash + 1));
  }

  /** An object named by its API version, kind, namespace and name, as a health check names it. */
  static InventoryItem of(String apiVersion, String kind, String namespace, String name) {
    int slash = apiVersion.indexOf('/');
    return new InventoryItem(
        namespace,
        name,
        slash < 0 ? "" : apiVersion.substring(0, slash),
        kind,
        slash < 0 ? apiVersion : apiVersion.substring(slash + 1));
  }

  /** The entries a Kustomization's status lists; none before its first successful reconcile. */
  static List<InventoryItem> ofStatus(GenericKubernetesResource kustomization) {
    List<InventoryItem> inventory = new ArrayList<>();
    if (kustomization.get("status", "inventory", "entries") instanceof List<?> entries) {
      for (Object item : entries) {
        if (item instanceof Map<?, ?> map && map.get("id") instanceof String id) {
          inventory.add(parse(id, String.valueOf(map.get("v"))));
        }
      }
    }
    return inventory;
  }

  /**
   * The four fields of an id; only the name may hold a colon, written {@code __}, so it is what is
   * left between the first and the last two.
   */
  private static InventoryItem parse(String id, String version) {
    int first = id.indexOf('_');
    int last = id.lastIndexOf('_');
    int beforeLast = id.lastIndexOf('_', last - 1);
    return new InventoryItem(
        id.substring(0, first),
        id.substring(first + 1, beforeLast).replace("__", ":"),
        id.substring(beforeLast + 1, last),
        id.substring(last + 1),
        version);
  }

  String id() {
    return namespace + "_" + name.replace(":", "__") + "_" + group + "_" + kind;
  }

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  Map<String, Object> toStatus() {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", id());
    item.put("v", version);
    return item;
  }
}
