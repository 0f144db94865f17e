package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.harbormaster.cli.output.OutputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
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
      defaultValue = "table",
      description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  private OutputFormat output;

  OutputFormat output() {
    return output;
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
    Config config;
    if (kubeconfig != null) {
      if (!Files.isRegularFile(kubeconfig) || !Files.isReadable(kubeconfig)) {
        throw CommandFailure.unreachable(
            "--kubeconfig "
                + kubeconfig
                + " is not a readable file: give the path of a kubeconfig, as for kubectl");
      }
      try {
        config = Config.fromKubeconfig(context, kubeconfig.toFile());
      } catch (KubernetesClientException unusable) {
        throw CommandFailure.unreachable(
            "--kubeconfig "
                + kubeconfig
                + " cannot be used ("
                + unusable.getMessage()
                + "): check the file and --context");
      }
    } else {
      config = Config.autoConfigure(context);
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
