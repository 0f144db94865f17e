package io.harbormaster.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.harbormaster.embedded.Harbormaster;
import io.harbormaster.embedded.OperatorOptions;
import io.harbormaster.embedded.runtime.OperatorMetrics;
import io.harbormaster.operator.runtime.HealthServer;
import io.harbormaster.operator.runtime.OperatorSettings;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;

/**
 * The in-cluster operator's process: its settings from the Deployment's environment, the
 * reconcilers {@link Harbormaster#operator} wires, leader election among the replicas, and the
 * health and metrics endpoints.
 */
public final class HarbormasterOperator {
  /** The Lease two replicas compete for; the holder reconciles, the other waits. */
  public static final String LEASE = "harbormaster-operator";

  private HarbormasterOperator() {}

  public static void main(String[] args) {
    OperatorSettings settings = OperatorSettings.fromEnvironment(System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().build();
    OperatorMetrics metrics = new OperatorMetrics();
    Operator operator =
        Harbormaster.operator(
            client,
            OperatorOptions.builder()
                .git(settings.git())
                .metrics(metrics)
                .leaderElection(
                    new LeaderElectionConfiguration(
                        LEASE, settings.namespace(), settings.identity()))
                .watchNamespaces(settings.watchNamespaces())
                .tenancy(settings.tenancy())
                .sizingInterval(settings.sizingInterval())
                .build());
    HealthServer health =
        HealthServer.start(settings.httpPort(), operator::getRuntimeInfo, metrics);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.stop();
                  health.close();
                  client.close();
                }));
    operator.start();
  }
}
