package io.harbormaster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.operator.crd.CrdYaml;
import io.harbormaster.operator.crd.ManagedApp;
import io.harbormaster.operator.crd.ManagedAppSpec;
import io.harbormaster.operator.crd.NamespacedName;
import io.harbormaster.operator.runtime.OperatorMetrics;
import io.harbormaster.sandbox.flux.SimulatedFlux;
import io.harbormaster.sandbox.git.BareRepository;
import io.harbormaster.sandbox.git.GitServer;
import io.harbormaster.sandbox.storage.SandboxStorage;
import io.harbormaster.sandbox.workload.WorkloadSimulation;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator running in-process against fabric8's mock API server (CRUD mode), with the CRDs from
 * deploy/crds and the sandbox playing the rest of a cluster: simulated Flux, workload controllers and
 * kubelet (pods of image tag {@link #BROKEN_TAG} never get Ready), PVC binder and CSI snapshots with real
 * bytes, and a real git server holding the fleet repository that Flux applies and Harbormaster commits to.
 * The apps are added by {@link FleetApps}.
 */
final class OperatorCluster implements AutoCloseable {
  static final String FLUX_NAMESPACE = "flux-system";
  static final String BRANCH = "main";
  /** An image tag whose pods crash-loop: an upgrade to it fails its health check. */
  static final String BROKEN_TAG = "1.6.6";
  static final String OPERATOR_USER_AGENT = "harbormaster-operator";

  final KubernetesMockServer server;
  final KubernetesClient client;
  final GitServer gitServer;
  final BareRepository git;
  final SandboxStorage storage;
  private final WorkloadSimulation workloads;
  private final SimulatedFlux flux;
  private final Path work;
  private Operator operator;
  private KubernetesClient operatorClient;
  private int operatorStarts;

  OperatorCluster(Path work) throws IOException {
    this.work = work;
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    client = server.createClient();
    CrdYaml.install(client);
    gitServer = GitServer.start(work.resolve("git-server"));
    git = gitServer.create("fleet.git");
    git.commit(BRANCH, Map.of("README.md", "the fleet\n"), "start the fleet");
    storage = new SandboxStorage(client, work.resolve("volumes"), Clock.systemUTC());
    workloads = WorkloadSimulation.start(client, Set.of(BROKEN_TAG));
    flux = SimulatedFlux.start(client);
    createFluxObject("source.toolkit.fluxcd.io/v1", "GitRepository", "fleet",
        Map.of("interval", "1m", "url", gitServer.url("fleet.git"), "ref", Map.of("branch", BRANCH)));
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
    operatorClient =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder()
            .withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(server.createClient().getConfiguration())
                    .withUserAgent(OPERATOR_USER_AGENT)
                    .build())
            .build();
    operator = HarbormasterOperator.create(operatorClient, settings, Clock.systemUTC(), metrics, Optional.empty());
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

  void stopOperator() {
    operator.stop();
    operatorClient.close();
  }

  /** A Kustomization that applies {@code path} of the fleet repository. */
  void kustomization(String name, String path) {
    createFluxObject("kustomize.toolkit.fluxcd.io/v1", "Kustomization", name,
        Map.of("interval", "10m", "sourceRef", Map.of("kind", "GitRepository", "name", "fleet"), "path", path, "prune", true));
  }

  Resource<GenericKubernetesResource> flux(String apiVersion, String kind, String namespace, String name) {
    return client.genericKubernetesResources(apiVersion, kind).inNamespace(namespace).withName(name);
  }

  void managedApp(String namespace, String name, ManagedAppSpec.Flux fluxObjects, ManagedAppSpec.Git gitLocation,
      String healthCheckTimeout, boolean autoRollback) {
    ManagedApp app = new ManagedApp();
    app.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    app.setSpec(new ManagedAppSpec(fluxObjects, gitLocation, ManagedAppSpec.AutoUpdate.NONE, null, healthCheckTimeout, autoRollback));
    client.resource(app).create();
  }

  ManagedAppSpec.Git gitLocation(String filePath, String versionPath) {
    return new ManagedAppSpec.Git(gitServer.url("fleet.git"), BRANCH, filePath, versionPath, null, null, null);
  }

  static NamespacedName inFluxSystem(String name) {
    return new NamespacedName(FLUX_NAMESPACE, name);
  }

  @Override
  public void close() {
    stopOperator();
    flux.close();
    workloads.close();
    storage.close();
    git.close();
    gitServer.close();
    client.close();
    server.destroy();
  }

  private void createFluxObject(String apiVersion, String kind, String name, Map<String, Object> spec) {
    GenericKubernetesResource object =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(apiVersion)
            .withKind(kind)
            .withNewMetadata().withNamespace(FLUX_NAMESPACE).withName(name).endMetadata()
            .withAdditionalProperties(Map.of("spec", new LinkedHashMap<>(spec)))
            .build();
    client.genericKubernetesResources(apiVersion, kind).inNamespace(FLUX_NAMESPACE).resource(object).create();
  }
}
