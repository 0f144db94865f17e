package io.harbormaster.api.conditions;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.harbormaster.core.redaction.Redaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds status conditions, keeping a condition's transition time while its status stays the same.
 * Every message goes through the one {@link Redaction}: it may quote an error from git or a
 * ManagedApp's spec.
 */
public final class Conditions {
  private final List<Condition> previous;
  private final Instant now;
  private final List<Condition> next = new ArrayList<>();

  public Conditions(List<Condition> previous, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.now = now;
  }

  public Conditions set(String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    String since =
        previous.stream()
            .filter(c -> c.getType().equals(type) && value.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .findFirst()
            .orElse(now.toString());
    next.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(value)
            .withReason(reason)
            .withMessage(Redaction.redact(message))
            .withLastTransitionTime(since)
            .build());
    return this;
  }

  public List<Condition> list() {
    return List.copyOf(next);
  }
}
