package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a Flux object's status through its status subresource, as a JSON patch of {@code /status} so
 * that a spec change made meanwhile neither conflicts nor gets lost (the mock would append to, not
 * replace, the arrays of a merge patch), and records what every reconcile records: the generation it
 * acted on, the {@code requestedAt} it handled and its conditions.
 */
final class StatusWriter {
  private final KubernetesClient client;
  private final Clock clock;
  private final PatchContext jsonPatch;

  StatusWriter(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    // No field manager: the mock API server takes ".../status?fieldManager=..." for the main resource
    // and drops the status it was sent.
    this.jsonPatch = PatchContext.of(PatchType.JSON);
  }

  /** A condition for {@code object}, keeping the previous transition time when its status is unchanged. */
  Map<String, Object> condition(GenericKubernetesResource object, String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    String transition = previousCondition(object, type)
        .filter(previous -> value.equals(previous.get("status")))
        .map(previous -> previous.get("lastTransitionTime"))
        .map(Object::toString)
        .orElseGet(this::now);
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("type", type);
    condition.put("status", value);
    condition.put("observedGeneration", ReconcileRequests.generation(object));
    condition.put("lastTransitionTime", transition);
    condition.put("reason", reason);
    condition.put("message", message);
    return condition;
  }

  /** RFC 3339 in seconds, as Kubernetes writes times. */
  String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * Sets {@code fields} and the reconcile bookkeeping in the object's status. Fields left out keep
   * their value, as Flux keeps {@code lastAppliedRevision} when a later attempt fails.
   */
  void write(FluxType type, GenericKubernetesResource object, Map<String, Object> fields, List<Map<String, Object>> conditions) {
    Map<String, Object> status = new LinkedHashMap<>(Fields.map(object, "status"));
    status.putAll(fields);
    status.put("observedGeneration", ReconcileRequests.generation(object));
    ReconcileRequests.requestedAt(object).ifPresent(at -> status.put("lastHandledReconcileAt", at));
    status.put("conditions", conditions);
    patchStatus(type, object, status);
  }

  private void patchStatus(FluxType type, GenericKubernetesResource object, Map<String, Object> status) {
    type.resources(client)
        .inNamespace(object.getMetadata().getNamespace())
        .withName(object.getMetadata().getName())
        .subresource("status")
        .patch(jsonPatch, client.getKubernetesSerialization().asJson(List.of(Map.of("op", "add", "path", "/status", "value", status))));
  }

  /**
   * Marks the object {@code Reconciling=True} as a controller does when it starts working on it; the
   * {@link #write} that ends the reconcile replaces the conditions and so removes it.
   */
  void reconciling(FluxType type, GenericKubernetesResource object, String message) {
    Map<String, Object> status = new LinkedHashMap<>(Fields.map(object, "status"));
    List<Object> conditions = new java.util.ArrayList<>();
    Object previous = status.get("conditions");
    if (previous instanceof List<?> list) {
      list.stream().filter(c -> !(c instanceof Map<?, ?> m && "Reconciling".equals(m.get("type")))).forEach(conditions::add);
    }
    conditions.add(condition(object, "Reconciling", true, "Progressing", message));
    status.put("conditions", conditions);
    patchStatus(type, object, status);
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> previousCondition(GenericKubernetesResource object, String type) {
    Object conditions = object.get("status", "conditions");
    if (!(conditions instanceof List)) {
      return Optional.empty();
    }
    return ((List<Object>) conditions).stream()
        .filter(Map.class::isInstance)
        .map(condition -> (Map<String, Object>) condition)
        .filter(condition -> Objects.equals(type, condition.get("type")))
        .findFirst();
  }
}
