package io.harbormaster.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.engine.OperationRunner;
import io.harbormaster.core.engine.Ports;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.core.port.GitOps;
import io.harbormaster.core.port.VolumeSnapshots;
import io.harbormaster.discovery.KubernetesAppDiscovery;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.gitops.JGitOps;
import io.harbormaster.gitops.auth.CredentialsSource;
import io.harbormaster.health.KubernetesEventRecorder;
import io.harbormaster.health.KubernetesFluxControl;
import io.harbormaster.health.KubernetesWorkloads;
import io.harbormaster.operator.credentials.SecretCredentials;
import io.harbormaster.operator.runtime.OperatorMetrics;
import io.harbormaster.snapshot.KubernetesVolumeSnapshots;
import java.time.Clock;

/**
 * Wires the core engine to the adapters. Git is per app: its credentials Secret lives in the app's
 * namespace, which the git adapter's CredentialsSource is not told, and each app gets its own clone
 * folder so two apps' operations never share a working repository.
 */
public final class Engines {
  private final Ports template;
  private final GitOpsSettings git;
  private final SecretCredentials credentials;
  private final OperatorMetrics metrics;

  public Engines(KubernetesClient client, GitOpsSettings git, Clock clock, OperatorMetrics metrics, Tenancy tenancy) {
    this.git = git;
    this.metrics = metrics;
    this.credentials = new SecretCredentials(client);
    // Everything but git is the same for every app; git is filled in per app.
    this.template = ports(client, clock, new JGitOps(git, CredentialsSource.anonymous()), tenancy);
  }

  /**
   * The adapters an engine on {@code client} runs on, with {@code git} for the app's repository: the
   * operator's, and the CLI's when it runs an operation itself ({@code hm upgrade --local}), keeping
   * apps to the namespaces {@code tenancy} allows.
   */
  public static Ports ports(KubernetesClient client, Clock clock, GitOps git, Tenancy tenancy) {
    return Ports.builder()
        .discovery(new KubernetesAppDiscovery(client, tenancy))
        .tenancy(tenancy)
        .flux(new KubernetesFluxControl(client))
        .workloads(new KubernetesWorkloads(client))
        .snapshots(new KubernetesVolumeSnapshots(client))
        .events(new KubernetesEventRecorder(client))
        .rollbacks(new RollbackRequestCreator(client))
        .clock(clock)
        .git(git)
        .build();
  }

  /** The engine for one app's operations. */
  OperationRunner runnerFor(ManagedApp app) {
    return new OperationRunner(Ports.builder().from(template).git(gitFor(app)).build());
  }

  /** The app's git, with its own clone folder and its Secret's credentials. */
  GitOps gitFor(ManagedApp app) {
    GitOpsSettings appGit =
        GitOpsSettings.builder()
            .from(git)
            .workDirectory(git.workDirectory().resolve(app.id().namespace()).resolve(app.id().name()))
            .build();
    return new JGitOps(appGit, credentials.forApp(app.id()));
  }

  VolumeSnapshots snapshots() {
    return template.snapshots();
  }

  Tenancy tenancy() {
    return template.tenancy();
  }

  /** Fails fast, naming the Secret and key, when the app's git credentials cannot be read. */
  void checkCredentials(ManagedApp app) {
    credentials.credentials(app.id().namespace(), app.git());
  }

  Clock clock() {
    return template.clock();
  }

  OperatorMetrics metrics() {
    return metrics;
  }
}
