package io.harbormaster.cli.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.operator.HarbormasterOperator;
import io.harbormaster.operator.crd.InstalledCrds;
import io.harbormaster.operator.crd.ManagedApp;
import io.harbormaster.operator.crd.ManagedAppSpec;
import io.harbormaster.operator.crd.NamespacedName;
import io.harbormaster.operator.crd.OperationStatus;
import io.harbormaster.operator.crd.UpgradeRequest;
import io.harbormaster.operator.crd.UpgradeRequestSpec;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.javaoperatorsdk.operator.Operator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sandbox with Harbormaster installed: its CRDs, and its operator running in this process on its own
 * API client, exactly as {@code HarbormasterOperator.main} wires it in a cluster (minus leader election).
 */
final class DemoCluster implements AutoCloseable {
  /**
   * The mock API server logs every request through java.util.logging; the demo's output is its timeline.
   * Held here because java.util.logging keeps only weak references to configured loggers.
   */
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
  }

  private final SandboxCluster sandbox;
  private final KubernetesClient operatorClient;
  private final Operator operator;

  private DemoCluster(SandboxCluster sandbox, KubernetesClient operatorClient, Operator operator) {
    this.sandbox = sandbox;
    this.operatorClient = operatorClient;
    this.operator = operator;
  }

  static DemoCluster start(Path work, Set<String> brokenTags) {
    SandboxCluster sandbox = SandboxCluster.start(work, brokenTags);
    try {
      InstalledCrds.install(sandbox.client());
      KubernetesClient operatorClient = sandbox.newClient("harbormaster-operator");
      GitOpsSettings git =
          GitOpsSettings.builder()
              .workDirectory(work.resolve("operator-git"))
              .authorName("Harbormaster")
              .authorEmail("harbormaster@localhost")
              .build();
      Operator operator = HarbormasterOperator.create(operatorClient, git, Clock.systemUTC());
      operator.start();
      return new DemoCluster(sandbox, operatorClient, operator);
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }

  SandboxCluster sandbox() {
    return sandbox;
  }

  KubernetesClient client() {
    return sandbox.client();
  }

  /** Declares an app of the fleet repository to Harbormaster, as {@code kubectl apply} of a ManagedApp would. */
  void manage(String namespace, String name, ManagedAppSpec.Flux flux, String file, String versionPath, String healthCheckTimeout) {
    ManagedApp app = new ManagedApp();
    app.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    app.setSpec(
        new ManagedAppSpec(
            flux,
            new ManagedAppSpec.Git(sandbox.fleetUrl(), SandboxCluster.BRANCH, file, versionPath, null, null, null),
            ManagedAppSpec.AutoUpdate.NONE,
            null,
            healthCheckTimeout,
            true));
    client().resource(app).create();
  }

  static NamespacedName kustomization(String name) {
    return new NamespacedName(SandboxCluster.FLUX_NAMESPACE, name);
  }

  /** Creates UpgradeRequest {@code namespace/name} of {@code app} to {@code version}. */
  void upgrade(String namespace, String name, String app, String version) {
    UpgradeRequest request = new UpgradeRequest();
    request.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    request.setSpec(new UpgradeRequestSpec(app, new UpgradeRequestSpec.Target(version, Map.of()), false, false));
    client().resource(request).create();
  }

  /**
   * Whether the operation took {@code expected} VolumeSnapshots and each still exists, ready to restore
   * from (retention keeps the newest).
   */
  boolean snapshotsReady(OperationStatus status, int expected) {
    List<OperationStatus.SnapshotOf> taken = Objects.requireNonNullElse(status.snapshots(), List.of());
    return taken.size() == expected
        && taken.stream().allMatch(snapshot -> {
          GenericKubernetesResource object =
              client().genericKubernetesResources("snapshot.storage.k8s.io/v1", "VolumeSnapshot")
                  .inNamespace(snapshot.snapshot().namespace())
                  .withName(snapshot.snapshot().name())
                  .get();
          return object != null && Boolean.TRUE.equals(object.get("status", "readyToUse"));
        });
  }

  @Override
  public void close() {
    operator.stop();
    operatorClient.close();
    sandbox.close();
  }
}
