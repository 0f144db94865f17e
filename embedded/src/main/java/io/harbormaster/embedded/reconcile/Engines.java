package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.control.KubernetesEventRecorder;
import io.harbormaster.control.KubernetesFluxControl;
import io.harbormaster.control.KubernetesWorkloadScaler;
import io.harbormaster.core.engine.HeldImageAutomations;
import io.harbormaster.core.engine.OperationRunner;
import io.harbormaster.core.engine.Ports;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.port.AppDiscovery;
import io.harbormaster.core.port.GitOps;
import io.harbormaster.core.port.ImageAutomations;
import io.harbormaster.core.port.VolumeSnapshots;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.discovery.KubernetesAppDiscovery;
import io.harbormaster.discovery.KubernetesImageAutomations;
import io.harbormaster.embedded.credentials.SecretCredentials;
import io.harbormaster.embedded.identity.AppClients;
import io.harbormaster.embedded.runtime.OperatorMetrics;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.gitops.JGitOps;
import io.harbormaster.health.KubernetesFluxReader;
import io.harbormaster.health.KubernetesWorkloadReader;
import io.harbormaster.health.LiveHealth;
import io.harbormaster.registry.catalog.RegistryTargetCatalog;
import io.harbormaster.snapshot.KubernetesVolumeSnapshots;
import java.time.Clock;

/**
 * Wires the core engine to the adapters, per app: an app's objects are read and changed through the
 * client that acts as the app's ServiceAccount when it has one ({@link AppClients}), git through
 * the app's own clone folder (two apps' operations never share a working repository) and
 * credentials Secret. What is the operator's own (its requests, their Events) goes through the
 * operator's client.
 */
public final class Engines {
  private final KubernetesClient client;
  private final AppClients clients;
  private final GitOpsSettings git;
  private final Clock clock;
  private final OperatorMetrics metrics;
  private final Tenancy tenancy;

  public Engines(
      KubernetesClient client,
      GitOpsSettings git,
      Clock clock,
      OperatorMetrics metrics,
      Tenancy tenancy) {
    this.client = client;
    this.clients = new AppClients(client, tenancy);
    this.git = git;
    this.clock = clock;
    this.metrics = metrics;
    this.tenancy = tenancy;
  }

  /**
   * The adapters an engine on {@code client} runs on, with {@code git} for the app's repository:
   * the CLI's when it runs an operation itself ({@code hm upgrade --local}), keeping apps to the
   * namespaces {@code tenancy} allows.
   */
  public static Ports ports(KubernetesClient client, Clock clock, GitOps git, Tenancy tenancy) {
    return ports(client, client, clock, git, tenancy);
  }

  /**
   * As {@link #ports(KubernetesClient, Clock, GitOps, Tenancy)}, acting on the app's objects
   * through {@code acting}.
   */
  private static Ports ports(
      KubernetesClient acting, KubernetesClient own, Clock clock, GitOps git, Tenancy tenancy) {
    return Ports.builder()
        .discovery(new KubernetesAppDiscovery(acting, tenancy))
        .tenancy(tenancy)
        .fluxReader(new KubernetesFluxReader(acting))
        .fluxControl(new KubernetesFluxControl(acting))
        .workloadReader(new KubernetesWorkloadReader(acting))
        .workloadScaler(new KubernetesWorkloadScaler(acting))
        .snapshots(new KubernetesVolumeSnapshots(acting))
        // Reads the chart's HelmRepository and its Secret as the app, so RBAC bounds them too.
        .targetCatalog(new RegistryTargetCatalog(acting, tenancy))
        .imageAutomations(new KubernetesImageAutomations(acting, tenancy))
        .events(new KubernetesEventRecorder(own))
        .rollbacks(new RollbackRequestCreator(own))
        .clock(clock)
        .git(git)
        .build();
  }

  /** The engine for one app's operations. */
  OperationRunner runnerFor(ManagedApp app) {
    return new OperationRunner(ports(clients.forApp(app), client, clock, gitFor(app), tenancy));
  }

  /** What the app's live health is read with. */
  LiveHealth health(ManagedApp app) {
    return new LiveHealth(clients.forApp(app));
  }

  AppDiscovery discovery(ManagedApp app) {
    return new KubernetesAppDiscovery(clients.forApp(app), tenancy);
  }

  /** The image automations a rollback of the app held, and their release, acting as the app. */
  HeldImageAutomations heldImageAutomations(ManagedApp app) {
    return new HeldImageAutomations(
        ports(clients.forApp(app), client, clock, gitFor(app), tenancy));
  }

  /** What finds the Flux image automations that write the app's file, reading as the app. */
  ImageAutomations imageAutomations(ManagedApp app) {
    return new KubernetesImageAutomations(clients.forApp(app), tenancy);
  }

  /** The app's git, with its own clone folder and its Secret's credentials. */
  GitOps gitFor(ManagedApp app) {
    GitOpsSettings appGit =
        GitOpsSettings.builder()
            .from(git)
            .workDirectory(
                git.workDirectory().resolve(app.id().namespace()).resolve(app.id().name()))
            .build();
    return new JGitOps(appGit, credentials(app).forApp(app.id()));
  }

  VolumeSnapshots snapshots(ManagedApp app) {
    return new KubernetesVolumeSnapshots(clients.forApp(app));
  }

  Tenancy tenancy() {
    return tenancy;
  }

  /**
   * Whether the operator may watch the apps' objects as itself: not when a default ServiceAccount
   * is set, since its role then grants it nothing on them (deploy/impersonating).
   */
  boolean watchesAppObjects() {
    return tenancy.defaultServiceAccount().isEmpty();
  }

  /** Fails fast, naming the Secret and key, when the app's git credentials cannot be read. */
  void checkCredentials(ManagedApp app) {
    credentials(app).credentials(app.id().namespace(), app.git());
  }

  private SecretCredentials credentials(ManagedApp app) {
    return new SecretCredentials(clients.forApp(app));
  }

  Clock clock() {
    return clock;
  }

  OperatorMetrics metrics() {
    return metrics;
  }
}
