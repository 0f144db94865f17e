package io.harbormaster.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.core.health.ConditionStatus;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.model.FluxKind;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SourceKind;
import io.harbormaster.core.model.SourceRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a Kustomization's or HelmRelease's live object into the core's {@link FluxStatus}. */
final class FluxStatusMapper {
  private FluxStatusMapper() {}

  static FluxStatus map(FluxRef ref, GenericKubernetesResource object) {
    Map<String, Object> ready = condition(object, "Ready");
    Map<String, Object> stalled = condition(object, "Stalled");
    var status =
        FluxStatus.builder()
            .ref(ref)
            .suspended(Boolean.TRUE.equals(object.get("spec", "suspend")))
            .ready(ConditionStatus.parse((String) ready.get("status")))
            .readyReason(text(ready.get("reason")))
            .readyMessage(text(ready.get("message")))
            .stalled(
                ConditionStatus.parse((String) stalled.get("status")) == ConditionStatus.TRUE
                    ? Optional.of(text(stalled.get("reason")).orElse("Stalled") + ": " + text(stalled.get("message")).orElse(""))
                    : Optional.empty())
            .generation(number(object.getMetadata().getGeneration()))
            .observedGeneration(number(object.get("status", "observedGeneration")));
    // HelmRelease v2 has no lastAppliedRevision; its parent Kustomization's shows the commit.
    if (ref.kind() == FluxKind.KUSTOMIZATION) {
      status.appliedRevision(text(object.get("status", "lastAppliedRevision")));
      status.appliedOriginRevision(text(object.get("status", "lastAppliedOriginRevision")));
      status.source(source(object));
    }
    return status.build();
  }

  /** {@code spec.sourceRef}, its namespace the Kustomization's unless it names one; none of a kind Flux adds later. */
  private static Optional<SourceRef> source(GenericKubernetesResource kustomization) {
    Optional<SourceKind> kind = text(kustomization.get("spec", "sourceRef", "kind")).flatMap(SourceKind::of);
    Optional<String> name = text(kustomization.get("spec", "sourceRef", "name"));
    String namespace = text(kustomization.get("spec", "sourceRef", "namespace")).orElse(kustomization.getMetadata().getNamespace());
    return kind.isPresent() && name.isPresent() ? Optional.of(SourceRef.of(kind.get(), ObjectRef.of(namespace, name.get()))) : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> condition(GenericKubernetesResource object, String type) {
    Object conditions = object.get("status", "conditions");
    if (!(conditions instanceof List)) {
      return Map.of();
    }
    for (Object condition : (List<Object>) conditions) {
      if (condition instanceof Map && type.equals(((Map<String, Object>) condition).get("type"))) {
        return (Map<String, Object>) condition;
      }
    }
    return Map.of();
  }

  private static Optional<String> text(Object value) {
    return value instanceof String && !((String) value).isBlank() ? Optional.of((String) value) : Optional.empty();
  }

  private static long number(Object value) {
    return value instanceof Number ? ((Number) value).longValue() : 0;
  }
}
