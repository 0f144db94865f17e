package io.harbormaster.api.crd;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.harbormaster.core.model.ShownLimits;
import java.util.List;
import java.util.stream.Collectors;

/** Conditions as a status shows them: each message bounded by {@link ShownLimits#text}. */
public final class ShownConditions {
  private ShownConditions() {}

  /** A copy with long messages cut; null stays null. */
  public static List<Condition> of(List<Condition> conditions) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().map(ShownConditions::shown).collect(Collectors.toList());
  }

  private static Condition shown(Condition condition) {
    String message = condition.getMessage();
    String shown = ShownLimits.text(message);
    return shown == message
        ? condition
        : new ConditionBuilder(condition).withMessage(shown).build();
  }
}
