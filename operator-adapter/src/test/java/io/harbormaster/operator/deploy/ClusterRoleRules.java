package io.harbormaster.operator.deploy;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules a ClusterRole file of deploy/base grants, one per group, resource and verb, as the
 * audit log names calls.
 */
public final class ClusterRoleRules {
  private ClusterRoleRules() {}

  /**
   * {@code apps deployments/scale update}, the core group named {@code core}, for each rule of
   * {@code deploy/base/<file>}.
   */
  public static Set<String> of(String file) {
    ClusterRole role;
    try {
      role =
          Serialization.unmarshal(
              Files.readString(DeployManifests.DEPLOY.resolve("base").resolve(file)),
              ClusterRole.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> rules = new TreeSet<>();
    role.getRules()
        .forEach(
            rule ->
                rule.getApiGroups()
                    .forEach(
                        group ->
                            rule.getResources()
                                .forEach(
                                    resource ->
                                        rule.getVerbs()
                                            .forEach(
                                                verb ->
                                                    rules.add(
                                                        (group.isEmpty() ? "core" : group)
                                                            + " "
                                                            + resource
                                                            + " "
                                                            + verb)))));
    return rules;
  }
}
