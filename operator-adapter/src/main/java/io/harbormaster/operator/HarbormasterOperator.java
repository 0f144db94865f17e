package io.harbormaster.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.operator.reconcile.Engines;
import io.harbormaster.operator.reconcile.ManagedAppReconciler;
import io.harbormaster.operator.reconcile.RollbackRequestReconciler;
import io.harbormaster.operator.reconcile.UpgradeRequestReconciler;
import io.harbormaster.health.LiveHealth;
import io.harbormaster.discovery.KubernetesAppDiscovery;
import io.javaoperatorsdk.operator.Operator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The in-cluster operator: the fabric8 client, the adapters, the engine and the three reconcilers.
 * Patches the primary resources without server-side apply, which some API servers (and fabric8's mock)
 * do not serve and which nothing here needs.
 */
public final class HarbormasterOperator {
  private HarbormasterOperator() {}

  /** Registers the reconcilers on {@code client}; the caller starts and stops the returned operator. */
  public static Operator create(KubernetesClient client, GitOpsSettings git, Clock clock) {
    Operator operator =
        new Operator(
            overrider ->
                overrider
                    .withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false));
    Engines engines = new Engines(client, git, clock);
    operator.register(new UpgradeRequestReconciler(client, engines));
    operator.register(new RollbackRequestReconciler(client, engines));
    operator.register(
        new ManagedAppReconciler(new KubernetesAppDiscovery(client), new LiveHealth(client), clock));
    return operator;
  }

  /** Configuration from the environment: HM_GIT_WORKDIR, HM_GIT_AUTHOR_NAME, HM_GIT_AUTHOR_EMAIL. */
  public static void main(String[] args) {
    GitOpsSettings git =
        GitOpsSettings.builder()
            .workDirectory(Path.of(env("HM_GIT_WORKDIR", "/var/lib/harbormaster/git")))
            .authorName(env("HM_GIT_AUTHOR_NAME", "Harbormaster"))
            .authorEmail(env("HM_GIT_AUTHOR_EMAIL", "harbormaster@localhost"))
            .build();
    KubernetesClient client = new KubernetesClientBuilder().build();
    Operator operator = create(client, git, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.stop();
      client.close();
    }));
    operator.start();
  }

  private static String env(String name, String fallback) {
    return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank()).orElse(fallback);
  }
}
