package io.harbormaster.sandbox.imageautomation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code spec.policySelector}, a Kubernetes label selector: {@code matchLabels} and {@code
 * matchExpressions} with {@code In}, {@code NotIn}, {@code Exists} and {@code DoesNotExist}, all of
 * which must hold. An empty or absent selector selects every policy.
 */
final class PolicySelector {
  private final List<Predicate<Map<String, String>>> requirements;

  private PolicySelector(List<Predicate<Map<String, String>>> requirements) {
    this.requirements = requirements;
  }

  /**
   * @throws IllegalArgumentException for a selector Kubernetes would not parse
   */
  static PolicySelector of(Map<String, Object> selector) {
    List<Predicate<Map<String, String>>> requirements = new ArrayList<>();
    if (selector.get("matchLabels") instanceof Map<?, ?> labels) {
      labels.forEach(
          (key, value) ->
              requirements.add(
                  have -> String.valueOf(value).equals(have.get(String.valueOf(key)))));
    }
    if (selector.get("matchExpressions") instanceof List<?> expressions) {
      for (Object item : expressions) {
        if (!(item instanceof Map<?, ?> expression)) {
          throw new IllegalArgumentException("invalid policy selector: " + item);
        }
        String key = String.valueOf(expression.get("key"));
        List<String> values =
            expression.get("values") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of();
        String operator = String.valueOf(expression.get("operator"));
        requirements.add(
            switch (operator) {
              case "In" -> have -> values.contains(have.get(key));
              case "NotIn" -> have -> !values.contains(have.get(key));
              case "Exists" -> have -> have.containsKey(key);
              case "DoesNotExist" -> have -> !have.containsKey(key);
              default ->
                  throw new IllegalArgumentException(
                      "invalid policy selector: \""
                          + operator
                          + "\" is not a valid label selector operator");
            });
      }
    }
    return new PolicySelector(requirements);
  }

  boolean selects(Map<String, String> labels) {
    Map<String, String> have = labels == null ? Map.of() : labels;
    return requirements.stream().allMatch(requirement -> requirement.test(have));
  }
}
