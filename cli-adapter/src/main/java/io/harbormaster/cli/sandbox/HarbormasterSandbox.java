package io.harbormaster.cli.sandbox;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.crd.InstalledCrds;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.ManagedAppSpec;
import io.harbormaster.api.crd.NamespacedName;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.api.crd.UpgradeRequestSpec;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.operator.HarbormasterOperator;
import io.harbormaster.operator.runtime.OperatorMetrics;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sandbox (a simulated cluster, see {@link SandboxCluster}) with Harbormaster installed on it:
 * its CRDs, as {@code kubectl apply -k deploy/} would, and when asked its operator, running in this
 * process on its own API client exactly as {@code HarbormasterOperator.main} wires it in a cluster
 * (minus leader election).
 */
public final class HarbormasterSandbox implements AutoCloseable {
  /** The image tag the demo and {@code hm sandbox} mark broken: its pods never get Ready. */
  public static final String BROKEN_TAG = "6.6.6";

  /**
   * The mock API server logs every request through java.util.logging; the output of hm is its own.
   * Held here because java.util.logging keeps only weak references to configured loggers.
   */
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
  }

  /**
   * The operator's configuration, as a cluster's would set it: the sample apps' Kustomizations live
   * in flux-system.
   */
  private static final Tenancy TENANCY =
      Tenancy.fromEnvironment(Map.of(Tenancy.GRANTS, SampleApps.NAMESPACE_GRANTS));

  private final SandboxCluster sandbox;
  private final Path work;

  /** Deletes a temporary work folder at exit when {@link #close} never ran (Ctrl-C). */
  private final Optional<Thread> cleanup;

  private Operator operator;
  private KubernetesClient operatorClient;

  private HarbormasterSandbox(SandboxCluster sandbox, Path work, Optional<Thread> cleanup) {
    this.sandbox = sandbox;
    this.work = work;
    this.cleanup = cleanup;
  }

  /**
   * As {@link #start}, on {@code apiServer}, in a temporary folder of its own that {@link #close},
   * or the JVM's exit, deletes.
   */
  public static HarbormasterSandbox startInTemporaryFolder(
      Set<String> brokenTags, ApiServerKind apiServer) {
    Path work;
    try {
      work = Files.createTempDirectory("hm-sandbox-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a folder for the sandbox: check java.io.tmpdir (" + e.getMessage() + ")",
          e);
    }
    Thread cleanup = new Thread(() -> deleteQuietly(work), "hm-sandbox-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    SandboxCluster cluster;
    try {
      cluster = SandboxCluster.start(work, brokenTags, apiServer);
    } catch (RuntimeException e) {
      Runtime.getRuntime().removeShutdownHook(cleanup);
      deleteQuietly(work);
      throw e;
    }
    HarbormasterSandbox started = new HarbormasterSandbox(cluster, work, Optional.of(cleanup));
    started.installCrds();
    return started;
  }

  /**
   * The sandbox under {@code work}, pods of {@code brokenTags} never Ready, with Harbormaster's
   * CRDs.
   */
  public static HarbormasterSandbox start(Path work, Set<String> brokenTags) {
    HarbormasterSandbox started = withoutCrds(work, brokenTags);
    started.installCrds();
    return started;
  }

  /** A cluster on which Harbormaster was never installed. */
  public static HarbormasterSandbox withoutCrds(Path work, Set<String> brokenTags) {
    return new HarbormasterSandbox(SandboxCluster.start(work, brokenTags), work, Optional.empty());
  }

  private void installCrds() {
    try {
      InstalledCrds.install(client());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts the operator, with its own API client and git work folder. */
  public void startOperator() {
    operatorClient = sandbox.newClient("harbormaster-operator");
    GitOpsSettings git =
        GitOpsSettings.builder()
            .workDirectory(work.resolve("operator-git"))
            .authorName("Harbormaster")
            .authorEmail("harbormaster@localhost")
            .build();
    operator =
        HarbormasterOperator.create(
            operatorClient,
            git,
            Clock.systemUTC(),
            new OperatorMetrics(),
            Optional.empty(),
            Set.of(),
            TENANCY);
    operator.start();
  }

  public SandboxCluster sandbox() {
    return sandbox;
  }

  public KubernetesClient client() {
    return sandbox.client();
  }

  /**
   * The sample web app (Deployment apps/web, PVC apps/data) at image {@code tag}, with its
   * ManagedApp.
   */
  public void web(String tag, String healthCheckTimeout) {
    new SampleApps(sandbox).web(tag);
    manage(
        SampleApps.WEB_NAMESPACE,
        SampleApps.WEB,
        new ManagedAppSpec.Flux(inFluxSystem(SampleApps.WEB), null),
        SampleApps.WEB_FILE,
        SampleApps.WEB_VERSION_PATH,
        healthCheckTimeout);
  }

  /**
   * The sample HelmRelease db/postgres at {@code chartVersion}: a StatefulSet of {@code replicas}
   * with a PVC each and a backup Deployment, with its ManagedApp.
   */
  public void postgres(String chartVersion, int replicas, String healthCheckTimeout) {
    new SampleApps(sandbox).postgres(chartVersion, replicas);
    manage(
        SampleApps.DB_NAMESPACE,
        SampleApps.DB,
        new ManagedAppSpec.Flux(
            inFluxSystem(SampleApps.DB_KUSTOMIZATION),
            new NamespacedName(SampleApps.DB_NAMESPACE, SampleApps.DB)),
        SampleApps.DB_FILE,
        SampleApps.DB_VERSION_PATH,
        healthCheckTimeout);
  }

  /**
   * Creates UpgradeRequest {@code namespace/name} of {@code app} to {@code version}, as a user
   * would.
   */
  public void upgrade(String namespace, String name, String app, String version) {
    UpgradeRequest request = new UpgradeRequest();
    request.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    request.setSpec(
        new UpgradeRequestSpec(
            app, new UpgradeRequestSpec.Target(version, Map.of()), false, false, false));
    client().resource(request).create();
  }

  /**
   * Whether the operation took {@code expected} VolumeSnapshots and each still exists, ready to
   * restore from (retention keeps the newest).
   */
  public boolean snapshotsReady(OperationStatus status, int expected) {
    List<OperationStatus.SnapshotOf> taken =
        Objects.requireNonNullElse(status.snapshots(), List.of());
    return taken.size() == expected
        && taken.stream()
            .allMatch(
                snapshot -> {
                  GenericKubernetesResource object =
                      client()
                          .genericKubernetesResources(
                              "snapshot.storage.k8s.io/v1", "VolumeSnapshot")
                          .inNamespace(snapshot.snapshot().namespace())
                          .withName(snapshot.snapshot().name())
                          .get();
                  return object != null && Boolean.TRUE.equals(object.get("status", "readyToUse"));
                });
  }

  /** Writes a kubeconfig reaching this sandbox in {@code namespace}: see {@link Kubeconfig}. */
  public Path writeKubeconfig(Path file, String namespace) {
    return Kubeconfig.write(file, sandbox.apiServer().adminConfig(), namespace);
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.stop();
      operatorClient.close();
    }
    sandbox.close();
    cleanup.ifPresent(
        hook -> {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException exiting) {
            // the JVM is exiting and runs the hook itself
          }
          deleteQuietly(work);
        });
  }

  /**
   * The sandbox's files are scratch: one that cannot be deleted is left for the system's temp
   * cleaner.
   */
  private static void deleteQuietly(Path folder) {
    try {
      MoreFiles.deleteRecursively(folder, RecursiveDeleteOption.ALLOW_INSECURE);
    } catch (IOException ignored) {
      // nothing to do: see above
    }
  }

  private void manage(
      String namespace,
      String name,
      ManagedAppSpec.Flux flux,
      String file,
      String versionPath,
      String healthCheckTimeout) {
    ManagedApp app = new ManagedApp();
    app.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    app.setSpec(
        new ManagedAppSpec(
            flux,
            new ManagedAppSpec.Git(
                sandbox.fleetUrl(), SandboxCluster.BRANCH, file, versionPath, null, null, null),
            ManagedAppSpec.AutoUpdate.NONE,
            null,
            healthCheckTimeout,
            true,
            null));
    client().resource(app).create();
  }

  private static NamespacedName inFluxSystem(String name) {
    return new NamespacedName(SandboxCluster.FLUX_NAMESPACE, name);
  }
}
