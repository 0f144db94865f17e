package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a Flux object's status through its status subresource, as a JSON patch of {@code /status}
 * so that a spec change made meanwhile neither conflicts nor gets lost (the mock would append to,
 * not replace, the arrays of a merge patch). Every write records the {@code requestedAt} it
 * handled, as the controllers' deferred status patch does whatever the reconcile's outcome; {@code
 * observedGeneration} only when the controller's rule says so ({@link Update#observed}).
 */
public final class StatusWriter {
  private final KubernetesClient client;
  private final Clock clock;
  private final PatchContext jsonPatch;

  StatusWriter(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    // No field manager: the mock API server takes ".../status?fieldManager=..." for the main
    // resource and drops the status it was sent.
    this.jsonPatch = PatchContext.of(PatchType.JSON);
  }

  /** RFC 3339 in seconds, as Kubernetes writes times. */
  public String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  public Instant instant() {
    return Instant.now(clock);
  }

  /** A change to {@code object}'s status, starting from the status it has. */
  public Update update(FluxType type, GenericKubernetesResource object) {
    return new Update(type, object);
  }

  /** One status write: fields and conditions set or removed, the rest kept. */
  public final class Update {
    private final FluxType type;
    private final GenericKubernetesResource object;
    private final Map<String, Object> status;
    private final List<Map<String, Object>> conditions = new ArrayList<>();

    private Update(FluxType type, GenericKubernetesResource object) {
      this.type = type;
      this.object = object;
      this.status = new LinkedHashMap<>(Fields.map(object, "status"));
      if (status.get("conditions") instanceof List<?> list) {
        list.stream()
            .filter(Map.class::isInstance)
            .map(StatusWriter::asMap)
            .forEach(c -> conditions.add(new LinkedHashMap<>(c)));
      }
    }

    public Update field(String name, Object value) {
      status.put(name, value);
      return this;
    }

    /** Removes a status field, as a Go struct field with {@code omitempty} left empty. */
    public Update omit(String name) {
      status.remove(name);
      return this;
    }

    Update fields(Map<String, Object> values) {
      status.putAll(values);
      return this;
    }

    /** Sets a condition, keeping its transition time when its status is unchanged. */
    Update condition(String conditionType, String value, String reason, String message) {
      String transition =
          find(conditionType)
              .filter(previous -> value.equals(previous.get("status")))
              .map(previous -> String.valueOf(previous.get("lastTransitionTime")))
              .orElseGet(StatusWriter.this::now);
      Map<String, Object> condition = new LinkedHashMap<>();
      condition.put("type", conditionType);
      condition.put("status", value);
      condition.put("observedGeneration", ReconcileRequests.generation(object));
      condition.put("lastTransitionTime", transition);
      condition.put("reason", reason);
      condition.put("message", message);
      int at = conditions.indexOf(find(conditionType).orElse(null));
      if (at >= 0) {
        conditions.set(at, condition);
      } else {
        conditions.add(condition);
      }
      return this;
    }

    public Update condition(String conditionType, boolean value, String reason, String message) {
      return condition(conditionType, value ? "True" : "False", reason, message);
    }

    public Update without(String... conditionTypes) {
      for (String conditionType : conditionTypes) {
        conditions.removeIf(condition -> conditionType.equals(condition.get("type")));
      }
      return this;
    }

    /** A condition's reason now, if the object has that condition. */
    Optional<String> reason(String conditionType) {
      return find(conditionType).map(condition -> String.valueOf(condition.get("reason")));
    }

    public Optional<String> value(String conditionType) {
      return find(conditionType).map(condition -> String.valueOf(condition.get("status")));
    }

    /** The controller has acted on the current spec: {@code observedGeneration} catches up. */
    public Update observed() {
      status.put("observedGeneration", ReconcileRequests.generation(object));
      return this;
    }

    /**
     * The last step of every source- and kustomize-controller reconcile, suspended or not: once
     * Ready is True the Reconciling condition goes and {@code observedGeneration} catches up;
     * otherwise a Reconciling condition left says {@code ProgressingWithRetry}: it failed and will
     * try again.
     */
    public Update finalized() {
      if (value("Ready").equals(Optional.of("True"))) {
        without("Reconciling");
        observed();
      } else {
        find("Reconciling")
            .ifPresent(reconciling -> reconciling.put("reason", "ProgressingWithRetry"));
      }
      return this;
    }

    /** A numeric status field as this update has it; 0 when absent. */
    long number(String field) {
      return status.get(field) instanceof Number value ? value.longValue() : 0;
    }

    /** Writes the status as this update has it; the update can go on and be written again. */
    public Update write() {
      ReconcileRequests.requestedAt(object)
          .ifPresent(at -> status.put("lastHandledReconcileAt", at));
      status.put("conditions", conditions);
      type.resources(client)
          .inNamespace(object.getMetadata().getNamespace())
          .withName(object.getMetadata().getName())
          .subresource("status")
          .patch(
              jsonPatch,
              client
                  .getKubernetesSerialization()
                  .asJson(List.of(Map.of("op", "add", "path", "/status", "value", status))));
      return this;
    }

    /**
     * Writes only when this update changes the status: a reconcile that learnt nothing writes
     * nothing.
     */
    public void writeIfChanged() {
      Map<String, Object> after = new LinkedHashMap<>(status);
      ReconcileRequests.requestedAt(object)
          .ifPresent(at -> after.put("lastHandledReconcileAt", at));
      after.put("conditions", conditions);
      if (!after.equals(Fields.map(object, "status"))) {
        write();
      }
    }

    private Optional<Map<String, Object>> find(String conditionType) {
      return conditions.stream()
          .filter(condition -> Objects.equals(conditionType, condition.get("type")))
          .findFirst();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object condition) {
    return (Map<String, Object>) condition;
  }
}
