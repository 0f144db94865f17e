package io.harbormaster.testkit;

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
import io.harbormaster.embedded.Harbormaster;
import io.harbormaster.embedded.OperatorOptions;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * process on its own API client, wired by {@link Harbormaster#operator} as the deployed operator
 * is. {@code hm demo}, {@code hm sandbox}, the end-to-end tests and programs that embed
 * Harbormaster run on it.
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
   * CRDs, on the API server {@code hm.apiServer} names.
   */
  public static HarbormasterSandbox start(Path work, Set<String> brokenTags) {
    return start(work, brokenTags, ApiServerKind.fromSystemProperties());
  }

  /** As {@link #start(Path, Set)}, on {@code apiServer}. */
  public static HarbormasterSandbox start(
      Path work, Set<String> brokenTags, ApiServerKind apiServer) {
    HarbormasterSandbox started =
        new HarbormasterSandbox(
            SandboxCluster.start(work, brokenTags, apiServer), work, Optional.empty());
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

  /**
   * How often the operator's storage policies pass: the sandbox's kubelets report a change of usage
   * at once, where a real kubelet measures about once a minute (the default 30 s).
   */
  static final Duration SIZING_INTERVAL = Duration.ofSeconds(2);

  /**
   * Starts the operator, with its own API client and git work folder, configured as a cluster's
   * would be: the sample apps' Kustomizations live in flux-system; storage policies pass every
   * {@link #SIZING_INTERVAL}.
   */
  public void startOperator() {
    operatorClient = sandbox.newClient("harbormaster-operator");
    operator =
        startOperator(
            operatorClient,
            OperatorOptions.builder()
                .git(gitSettings(work.resolve("operator-git")))
                .tenancy(TENANCY)
                .sizingInterval(SIZING_INTERVAL)
                .build());
  }

  /**
   * Starts an operator on {@code client} with {@code options}, as a pod of the deployed operator
   * would; the caller stops it.
   */
  public Operator startOperator(KubernetesClient client, OperatorOptions options) {
    Operator started = Harbormaster.operator(client, options);
    started.start();
    return started;
  }

  /** What an operator or a local run started here commits as, cloning into {@code folder}. */
  public static GitOpsSettings gitSettings(Path folder) {
    return GitOpsSettings.builder()
        .workDirectory(folder)
        .authorName("Harbormaster")
        .authorEmail("harbormaster@localhost")
        .build();
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
        gitLocation(SampleApps.WEB_FILE, SampleApps.WEB_VERSION_PATH),
        healthCheckTimeout,
        true);
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
        gitLocation(SampleApps.DB_FILE, SampleApps.DB_VERSION_PATH),
        healthCheckTimeout,
        true);
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

  /** Creates ManagedApp {@code namespace/name} with no automatic updates. */
  public void manage(
      String namespace,
      String name,
      ManagedAppSpec.Flux flux,
      ManagedAppSpec.Git git,
      String healthCheckTimeout,
      boolean autoRollback) {
    ManagedApp app = new ManagedApp();
    app.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    app.setSpec(
        new ManagedAppSpec(
            flux,
            git,
            ManagedAppSpec.AutoUpdate.NONE,
            null,
            healthCheckTimeout,
            autoRollback,
            null,
            null));
    client().resource(app).create();
  }

  /** Where an app's version lives: {@code versionPath} of {@code file} on the fleet's branch. */
  public ManagedAppSpec.Git gitLocation(String file, String versionPath) {
    return new ManagedAppSpec.Git(
        sandbox.fleetUrl(), SandboxCluster.BRANCH, file, versionPath, null, null, null);
  }

  public static NamespacedName inFluxSystem(String name) {
    return new NamespacedName(SandboxCluster.FLUX_NAMESPACE, name);
  }
}
