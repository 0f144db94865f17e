package io.harbormaster.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.operator.reconcile.Engines;
import io.harbormaster.operator.reconcile.ManagedAppReconciler;
import io.harbormaster.operator.reconcile.RollbackRequestReconciler;
import io.harbormaster.operator.reconcile.UpgradeRequestReconciler;
import io.harbormaster.operator.runtime.HealthServer;
import io.harbormaster.operator.runtime.OperatorMetrics;
import io.harbormaster.operator.runtime.OperatorSettings;
import io.harbormaster.operator.runtime.RequiredApis;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The in-cluster operator: the fabric8 client, the adapters, the engine and the three reconcilers.
 * Patches the primary resources without server-side apply, which some API servers (and fabric8's
 * mock) do not serve and which nothing here needs.
 */
public final class HarbormasterOperator {
  /** The Lease two replicas compete for; the holder reconciles, the other waits. */
  public static final String LEASE = "harbormaster-operator";

  /**
   * How long {@link Operator#stop} waits for the reconciles in flight, e.g. a git push:
   * java-operator-sdk does not wait at all by default and interrupts them, which can leave JGit's
   * lock files in a clone. Under Kubernetes' default 30 s grace period for a pod to stop.
   */
  static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private HarbormasterOperator() {}

  /**
   * Registers the reconcilers on {@code client}, keeping every app to its own namespace; the caller
   * starts and stops the returned operator.
   *
   * @throws IllegalStateException when the cluster lacks Flux's or the VolumeSnapshot API
   */
  public static Operator create(
      KubernetesClient client,
      GitOpsSettings git,
      Clock clock,
      OperatorMetrics metrics,
      Optional<LeaderElectionConfiguration> leaderElection) {
    return create(
        client, git, clock, metrics, leaderElection, Set.of(), Tenancy.sameNamespaceOnly());
  }

  /**
   * @param namespaces where the operator watches its resources and everything its operations touch
   *     (workloads, pods, PVCs, Flux objects, VolumeSnapshots); empty means every namespace. Name
   *     the Flux namespace (flux-system) too when the apps' Kustomizations live there.
   * @param tenancy which namespaces an app's operation may touch besides its own
   */
  public static Operator create(
      KubernetesClient client,
      GitOpsSettings git,
      Clock clock,
      OperatorMetrics metrics,
      Optional<LeaderElectionConfiguration> leaderElection,
      Set<String> namespaces,
      Tenancy tenancy) {
    RequiredApis.verify(client);
    Operator operator =
        new Operator(
            overrider -> {
              overrider
                  .withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withReconciliationTerminationTimeout(STOP_GRACE)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  .withMetrics(metrics);
              leaderElection.ifPresent(overrider::withLeaderElectionConfiguration);
            });
    Engines engines = new Engines(client, git, clock, metrics, tenancy);
    // The secondary watches follow their controller's namespaces.
    Consumer<ControllerConfigurationOverrider<? extends HasMetadata>> scope =
        overrider -> {
          if (!namespaces.isEmpty()) {
            overrider.settingNamespaces(namespaces);
          }
        };
    operator.register(new UpgradeRequestReconciler(client, engines), scope::accept);
    operator.register(new RollbackRequestReconciler(client, engines), scope::accept);
    operator.register(new ManagedAppReconciler(engines), scope::accept);
    return operator;
  }

  public static void main(String[] args) {
    OperatorSettings settings = OperatorSettings.fromEnvironment(System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().build();
    OperatorMetrics metrics = new OperatorMetrics();
    Operator operator =
        create(
            client,
            settings.git(),
            Clock.systemUTC(),
            metrics,
            Optional.of(
                new LeaderElectionConfiguration(LEASE, settings.namespace(), settings.identity())),
            settings.watchNamespaces(),
            settings.tenancy());
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
