package io.harbormaster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.operator.crd.InstalledCrds;
import io.harbormaster.operator.crd.ManagedApp;
import io.harbormaster.operator.crd.ManagedAppSpec;
import io.harbormaster.operator.crd.NamespacedName;
import io.harbormaster.operator.runtime.OperatorMetrics;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.harbormaster.sandbox.git.BareRepository;
import io.harbormaster.sandbox.git.GitServer;
import io.harbormaster.sandbox.storage.SandboxStorage;
import io.javaoperatorsdk.operator.Operator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The operator running in-process on the {@link SandboxCluster} (mock API server in CRUD mode, simulated
 * Flux, workloads and storage, a real git server) with Harbormaster's CRDs installed from the jar. Pods
 * of image tag {@link #BROKEN_TAG} never get Ready. The apps are added by {@link FleetApps}.
 */
final class OperatorCluster implements AutoCloseable {
  static final String FLUX_NAMESPACE = SandboxCluster.FLUX_NAMESPACE;
  static final String BRANCH = SandboxCluster.BRANCH;
  /** An image tag whose pods crash-loop: an upgrade to it fails its health check. */
  static final String BROKEN_TAG = "1.6.6";
  static final String OPERATOR_USER_AGENT = "harbormaster-operator";

  final SandboxCluster sandbox;
  final KubernetesMockServer server;
  final KubernetesClient client;
  final GitServer gitServer;
  final BareRepository git;
  final SandboxStorage storage;
  private final Path work;
  private final Clock clock;
  private Operator operator;
  private KubernetesClient operatorClient;
  private int operatorStarts;
  private int wakeups;

  OperatorCluster(Path work) {
    this(work, Clock.systemUTC());
  }

  /**
   * @param clock the operator's clock, e.g. a {@link io.harbormaster.core.simulation.SimulatedClock} a
   *     test moves past a phase's limit; the sandbox keeps the system clock
   */
  OperatorCluster(Path work, Clock clock) {
    this.work = work;
    this.clock = clock;
    sandbox = SandboxCluster.start(work, Set.of(BROKEN_TAG));
    server = sandbox.server();
    client = sandbox.client();
    gitServer = sandbox.gitServer();
    git = sandbox.fleet();
    storage = sandbox.storage();
    InstalledCrds.install(client);
    startOperator();
  }

  /**
   * Starts a new operator, as a new pod would: its own API client and empty git work folder, nothing in
   * memory from an operator before it.
   */
  void startOperator() {
    startOperator(new OperatorMetrics());
  }

  /** As {@link #startOperator()}, reporting to {@code metrics} (the benchmark times the reconciles with it). */
  void startOperator(OperatorMetrics metrics) {
    GitOpsSettings settings =
        GitOpsSettings.builder()
            .workDirectory(work.resolve("operator-git-" + ++operatorStarts))
            .authorName("hm")
            .authorEmail("hm@localhost")
            .build();
    // Its own client, named by its User-Agent, so RbacTest can tell the operator's calls from the sandbox's.
    operatorClient = sandbox.newClient(OPERATOR_USER_AGENT);
    operator = HarbormasterOperator.create(operatorClient, settings, clock, metrics, Optional.empty());
    operator.start();
  }

  /**
   * The operator's pod dies: from now on nothing it still has in flight reaches the API server. Run
   * {@code whileDying} then, e.g. to let a blocked step finish into the void, and stop what is left.
   */
  void killOperator(Runnable whileDying) {
    operatorClient.close();
    whileDying.run();
    operator.stop();
  }

  /**
   * Wakes the operations running on Deployment {@code namespace/deployment} now, as a change to their
   * workload would: a test that moved the operator's clock has no watch to tell it so.
   */
  void wakeOperationsOf(String namespace, String deployment) {
    client.apps().deployments().inNamespace(namespace).withName(deployment).patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"test.harbormaster.io/woken\":\"" + ++wakeups + "\"}}}");
  }

  void stopOperator() {
    operator.stop();
    operatorClient.close();
  }

  /** A Kustomization that applies {@code path} of the fleet repository. */
  void kustomization(String name, String path) {
    sandbox.kustomization(name, path);
  }

  Resource<GenericKubernetesResource> flux(String apiVersion, String kind, String namespace, String name) {
    return sandbox.fluxObject(apiVersion, kind, namespace, name);
  }

  void managedApp(String namespace, String name, ManagedAppSpec.Flux fluxObjects, ManagedAppSpec.Git gitLocation,
      String healthCheckTimeout, boolean autoRollback) {
    ManagedApp app = new ManagedApp();
    app.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    app.setSpec(new ManagedAppSpec(fluxObjects, gitLocation, ManagedAppSpec.AutoUpdate.NONE, null, healthCheckTimeout, autoRollback));
    client.resource(app).create();
  }

  ManagedAppSpec.Git gitLocation(String filePath, String versionPath) {
    return new ManagedAppSpec.Git(sandbox.fleetUrl(), BRANCH, filePath, versionPath, null, null, null);
  }

  static NamespacedName inFluxSystem(String name) {
    return new NamespacedName(FLUX_NAMESPACE, name);
  }

  @Override
  public void close() {
    stopOperator();
    sandbox.close();
  }
}
