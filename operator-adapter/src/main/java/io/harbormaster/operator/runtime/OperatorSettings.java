package io.harbormaster.operator.runtime;

import io.harbormaster.api.mapping.GoDuration;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.gitops.GitOpsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The operator process's configuration, from its environment (deploy/base/deployment.yaml sets it):
 * {@code HM_NAMESPACE} and {@code HM_POD_NAME} (the leader-election Lease's namespace and this
 * replica's identity), {@code HM_HTTP_PORT} (health and metrics, default 8080), {@code
 * HM_WATCH_NAMESPACES} (comma-separated; unset: every namespace), {@code HM_NAMESPACE_GRANTS} and
 * {@code HM_NO_CROSS_NAMESPACE_REFS} (which namespaces an app may touch besides its own) and {@code
 * HM_DEFAULT_SERVICE_ACCOUNT} (whom an app acts as, see {@link Tenancy}), {@code
 * HM_SIZING_INTERVAL} (how often each StoragePolicy passes, default 30s), and git's, read by {@link
 * GitOpsSettings#fromEnvironment} (work directory default /var/lib/harbormaster/git).
 */
public record OperatorSettings(
    String namespace,
    String identity,
    int httpPort,
    java.util.Set<String> watchNamespaces,
    Tenancy tenancy,
    Duration sizingInterval,
    GitOpsSettings git) {
  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    String port = value(env, "HM_HTTP_PORT", "8080");
    int httpPort;
    try {
      httpPort = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "HM_HTTP_PORT: '" + port + "' is not a port number: set it to e.g. 8080", e);
    }
    return new OperatorSettings(
        value(env, "HM_NAMESPACE", "harbormaster-system"),
        value(env, "HM_POD_NAME", "harbormaster-" + ProcessHandle.current().pid()),
        httpPort,
        watchNamespaces(value(env, "HM_WATCH_NAMESPACES", "")),
        Tenancy.fromEnvironment(env),
        sizingInterval(value(env, "HM_SIZING_INTERVAL", "30s")),
        GitOpsSettings.fromEnvironment(env, Path.of("/var/lib/harbormaster/git")));
  }

  private static Duration sizingInterval(String text) {
    try {
      return GoDuration.parse("HM_SIZING_INTERVAL", text);
    } catch (InvalidSpecException notADuration) {
      throw new IllegalArgumentException(notADuration.getMessage(), notADuration);
    }
  }

  private static java.util.Set<String> watchNamespaces(String list) {
    java.util.Set<String> namespaces = new java.util.TreeSet<>();
    for (String name : list.split(",")) {
      String namespace = name.strip();
      if (namespace.isEmpty()) {
        continue;
      }
      if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
        throw new IllegalArgumentException(
            "HM_WATCH_NAMESPACES: '"
                + namespace
                + "' is not a namespace name: give a comma-separated list such as apps,flux-system");
      }
      namespaces.add(namespace);
    }
    return java.util.Set.copyOf(namespaces);
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank()).orElse(fallback);
  }
}
