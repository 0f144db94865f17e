package io.harbormaster.embedded;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.engine.OperationRunner;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.embedded.local.LocalOperations;
import io.harbormaster.embedded.reconcile.Engines;
import io.harbormaster.embedded.reconcile.ManagedAppReconciler;
import io.harbormaster.embedded.reconcile.RollbackRequestReconciler;
import io.harbormaster.embedded.reconcile.StoragePolicyReconciler;
import io.harbormaster.embedded.reconcile.UpgradeRequestReconciler;
import io.harbormaster.embedded.runtime.RequiredApis;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.gitops.JGitOps;
import io.harbormaster.gitops.auth.CredentialsSource;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Where a Java program starts with Harbormaster, and so do the operator and {@code hm}: the engine
 * wired to its adapters on a fabric8 {@link KubernetesClient}, either to run requests in the
 * calling process ({@link #local}) or as the operator's reconcilers ({@link #operator}). See
 * docs/embedding.md.
 */
public final class Harbormaster {
  /**
   * How long {@link Operator#stop} waits for the reconciles in flight, e.g. a git push:
   * java-operator-sdk does not wait at all by default and interrupts them, which can leave JGit's
   * lock files in a clone. Under Kubernetes' default 30 s grace period for a pod to stop.
   */
  static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private Harbormaster() {}

  /**
   * Runs UpgradeRequests and RollbackRequests in this process, as {@code hm --local} does: with the
   * rights of {@code client}'s user, which bound what an operation may touch, and git reached with
   * {@code credentials}.
   *
   * @throws IllegalStateException when the cluster lacks Flux's or the VolumeSnapshot API
   */
  public static LocalOperations local(
      KubernetesClient client, GitOpsSettings git, CredentialsSource credentials, Clock clock) {
    RequiredApis.verify(client);
    OperationRunner runner =
        new OperationRunner(
            Engines.ports(client, clock, new JGitOps(git, credentials), Tenancy.ofLocalRun()));
    return new LocalOperations(client, runner, clock);
  }

  /**
   * The operator's reconcilers registered on {@code client}; the caller starts and stops the
   * returned operator. Patches the primary resources without server-side apply, which some API
   * servers (and fabric8's mock) do not serve and which nothing here needs.
   *
   * @throws IllegalStateException when the cluster lacks Flux's or the VolumeSnapshot API
   */
  public static Operator operator(KubernetesClient client, OperatorOptions options) {
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
                  .withMetrics(options.metrics());
              options.leaderElection().ifPresent(overrider::withLeaderElectionConfiguration);
            });
    Engines engines =
        new Engines(client, options.git(), options.clock(), options.metrics(), options.tenancy());
    // The secondary watches follow their controller's namespaces.
    Consumer<ControllerConfigurationOverrider<? extends HasMetadata>> scope =
        overrider -> {
          if (!options.watchNamespaces().isEmpty()) {
            overrider.settingNamespaces(options.watchNamespaces());
          }
        };
    operator.register(new UpgradeRequestReconciler(client, engines), scope::accept);
    operator.register(new RollbackRequestReconciler(client, engines), scope::accept);
    operator.register(new ManagedAppReconciler(engines), scope::accept);
    operator.register(
        new StoragePolicyReconciler(
            client, options.clock(), options.sizingInterval(), options.metrics()),
        scope::accept);
    return operator;
  }
}
