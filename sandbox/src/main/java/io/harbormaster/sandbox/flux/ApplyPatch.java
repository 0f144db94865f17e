package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON patch (RFC 6902) that applies a desired object over its live one, standing in for
 * server-side apply, which the mock API server refuses. (Not a JSON merge patch: the mock merges
 * arrays of a merge patch into the old ones instead of replacing them.) It merges the way {@code
 * kubectl apply} does, three ways: a field the desired object sets is set (objects member by
 * member, arrays and values whole); a field it does not set is removed only if the previous apply
 * set it ({@code lastApplied}), so a field removed from git leaves the cluster while fields others
 * own stay: values the API server defaults (a Service's {@code clusterIP}, some immutable), {@code
 * spec.suspend} written by Harbormaster, a PVC's {@code spec.volumeName} set by the PV controller.
 * Labels and annotations are added or overwritten and others' kept; status is never touched.
 */
final class ApplyPatch {
  private static final List<String> NOT_REPLACED =
      List.of("apiVersion", "kind", "metadata", "status");

  private final ArrayNode operations = JsonNodeFactory.instance.arrayNode();

  private ApplyPatch() {}

  /**
   * @param lastApplied the object as the previous apply desired it; a missing node when there was
   *     none
   * @return the operations; empty when the live object already is as desired
   */
  static ArrayNode between(JsonNode live, JsonNode desired, JsonNode lastApplied) {
    ApplyPatch patch = new ApplyPatch();
    live.fieldNames()
        .forEachRemaining(
            field -> {
              if (!NOT_REPLACED.contains(field) && !desired.has(field) && lastApplied.has(field)) {
                patch.remove("/" + escape(field));
              }
            });
    desired
        .properties()
        .forEach(
            field -> {
              if (!NOT_REPLACED.contains(field.getKey())) {
                patch.diff(
                    "/" + escape(field.getKey()),
                    live.get(field.getKey()),
                    field.getValue(),
                    lastApplied.path(field.getKey()));
              }
            });
    for (String map : List.of("labels", "annotations")) {
      JsonNode desiredMap = desired.path("metadata").path(map);
      JsonNode liveMap = live.path("metadata").get(map);
      if (desiredMap.isEmpty()) {
        continue;
      }
      if (liveMap == null || !liveMap.isObject()) {
        patch.add("/metadata/" + map, desiredMap);
        continue;
      }
      desiredMap
          .properties()
          .forEach(
              entry -> {
                if (!entry.getValue().equals(liveMap.get(entry.getKey()))) {
                  patch.add("/metadata/" + map + "/" + escape(entry.getKey()), entry.getValue());
                }
              });
    }
    return patch.operations;
  }

  private void diff(String path, JsonNode live, JsonNode desired, JsonNode lastApplied) {
    if (desired.equals(live)) {
      return;
    }
    if (live == null || !live.isObject() || !desired.isObject()) {
      add(path, desired);
      return;
    }
    live.fieldNames()
        .forEachRemaining(
            field -> {
              if (!desired.has(field) && lastApplied.has(field)) {
                remove(path + "/" + escape(field));
              }
            });
    desired
        .properties()
        .forEach(
            field ->
                diff(
                    path + "/" + escape(field.getKey()),
                    live.get(field.getKey()),
                    field.getValue(),
                    lastApplied.path(field.getKey())));
  }

  /** {@code add} sets a new member and replaces an existing one. */
  private void add(String path, JsonNode value) {
    ObjectNode operation = operations.addObject();
    operation.put("op", "add").put("path", path).set("value", value);
  }

  private void remove(String path) {
    operations.addObject().put("op", "remove").put("path", path);
  }

  /** RFC 6901: {@code ~} and {@code /} in a member name become {@code ~0} and {@code ~1}. */
  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
