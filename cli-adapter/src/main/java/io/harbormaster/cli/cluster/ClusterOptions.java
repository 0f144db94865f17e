package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.harbormaster.cli.output.OutputFormat;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every cluster command shares, read as kubectl reads them. */
final class ClusterOptions {
  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "The kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
  private Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "The kubeconfig context (default: its current-context).")
  private String context;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "The namespace (default: the context's namespace, else default).")
  private String namespace;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      converter = OutputFormat.Converter.class,
      defaultValue = "table",
      description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  private OutputFormat output;

  OutputFormat output() {
    return output;
  }

  void check(InputChecks checks) {
    checks.namespace("--namespace", namespace);
  }

  /** A client of the cluster the kubeconfig names; nothing is asked of the cluster yet. */
  Cluster connect() {
    Config config = config();
    String effectiveNamespace =
        Objects.requireNonNullElse(
            namespace, Objects.requireNonNullElse(config.getNamespace(), "default"));
    return new Cluster(
        new KubernetesClientBuilder().withConfig(config).build(), effectiveNamespace);
  }

  private Config config() {
    KubeconfigFiles files = KubeconfigFiles.of(Optional.ofNullable(kubeconfig), System.getenv());
    Config config;
    if (files.found()) {
      files.check(Optional.ofNullable(context));
      try {
        config =
            kubeconfig != null
                ? Config.fromKubeconfig(context, kubeconfig.toFile())
                : Config.autoConfigure(context);
      } catch (KubernetesClientException unusable) {
        throw CommandFailure.unreachable(
            files.source()
                + " cannot be used ("
                + unusable.getMessage()
                + "): check the file and --context");
      }
    } else if (System.getenv("KUBERNETES_SERVICE_HOST") != null) {
      // In a pod, as kubectl does: the pod's ServiceAccount.
      config = Config.autoConfigure(context);
    } else {
      throw files.noneFound();
    }
    // fabric8 falls back to the current context when the named one is missing; kubectl refuses, and
    // so do we.
    if (context != null
        && (config.getCurrentContext() == null
            || !context.equals(config.getCurrentContext().getName()))) {
      throw CommandFailure.unreachable(
          "--context "
              + context
              + ": the kubeconfig has no such context: list them with 'kubectl config get-contexts'");
    }
    // Fail at once, as kubectl does, instead of retrying a cluster that is not there for seconds.
    return new ConfigBuilder(config).withRequestRetryBackoffLimit(0).build();
  }
}
