package io.harbormaster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ClusterRoles of deploy/ that people are bound to, as files: which built-in roles they join
 * and what they may never allow. (What they allow on a server: {@link
 * UserRolesOnRealApiServerTest}.)
 */
class UserRolesTest {
  private static final String AGGREGATE_TO = "rbac.authorization.k8s.io/aggregate-to-";

  @Test
  void viewJoinsTheBuiltInViewEditJoinsEditAndAdminAndLocalJoinsNone() {
    assertThat(labels("harbormaster-view")).containsEntry(AGGREGATE_TO + "view", "true");
    assertThat(labels("harbormaster-edit"))
        .containsEntry(AGGREGATE_TO + "edit", "true")
        .containsEntry(AGGREGATE_TO + "admin", "true");
    assertThat(labels("harbormaster-local").keySet())
        .noneMatch(label -> label.startsWith(AGGREGATE_TO));
  }

  @Test
  void theViewRoleOnlyReadsAndNeverSecrets() {
    assertThat(ClusterPeople.rules("harbormaster-view"))
        .allMatch(
            rule -> rule.endsWith(" get") || rule.endsWith(" list") || rule.endsWith(" watch"))
        .noneMatch(rule -> rule.startsWith("core secrets "));
  }

  @Test
  void theEditRoleAllowsWhatTheViewRoleDoesSoItIsEnoughAlone() {
    assertThat(ClusterPeople.rules("harbormaster-edit"))
        .containsAll(ClusterPeople.rules("harbormaster-view"))
        .noneMatch(rule -> rule.startsWith("core secrets "))
        .noneMatch(
            rule ->
                rule.startsWith("harbormaster.io managedapps ")
                    && !rule.matches(".* (get|list|watch)"));
  }

  private static Map<String, String> labels(String role) {
    return ClusterPeople.role(role).getMetadata().getLabels();
  }
}
