package io.harbormaster.core.health;

import java.util.List;
import org.immutables.value.Value;

/** The verdict of the health rule, with one line per part that is not healthy. */
@Value.Immutable
public abstract class HealthReport {
  public abstract List<String> problems();

  public static HealthReport of(List<String> problems) {
    return ImmutableHealthReport.builder().problems(problems).build();
  }

  public boolean healthy() {
    return problems().isEmpty();
  }

  /** One sentence for a status message. */
  public String summary() {
    return healthy() ? "healthy" : String.join("; ", problems());
  }
}
