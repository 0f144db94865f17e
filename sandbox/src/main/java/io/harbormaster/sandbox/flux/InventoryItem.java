package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.core.discovery.InventoryEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One entry of a Kustomization's {@code status.inventory.entries}: the object's id and API version. */
record InventoryItem(InventoryEntry entry, String version) {
  static InventoryItem of(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    int slash = apiVersion.indexOf('/');
    InventoryEntry entry = InventoryEntry.builder()
        .namespace(object.path("metadata").path("namespace").asText(""))
        .name(object.path("metadata").path("name").asText())
        .group(slash < 0 ? "" : apiVersion.substring(0, slash))
        .kind(object.path("kind").asText())
        .build();
    return new InventoryItem(entry, slash < 0 ? apiVersion : apiVersion.substring(slash + 1));
  }

  /** The entries a Kustomization's status lists; none before its first successful reconcile. */
  @SuppressWarnings("unchecked")
  static List<InventoryItem> ofStatus(GenericKubernetesResource kustomization) {
    Object entries = kustomization.get("status", "inventory", "entries");
    List<InventoryItem> inventory = new ArrayList<>();
    if (entries instanceof List) {
      for (Object item : (List<Object>) entries) {
        if (item instanceof Map && ((Map<String, Object>) item).get("id") instanceof String) {
          Map<String, Object> map = (Map<String, Object>) item;
          inventory.add(new InventoryItem(InventoryEntry.parse((String) map.get("id")), String.valueOf(map.get("v"))));
        }
      }
    }
    return inventory;
  }

  String apiVersion() {
    return entry.group().isEmpty() ? version : entry.group() + "/" + version;
  }

  Map<String, Object> toStatus() {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", entry.id());
    item.put("v", version);
    return item;
  }
}
