package io.harbormaster.sandbox.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import io.harbormaster.sandbox.apiserver.SandboxApiServer;
import io.harbormaster.sandbox.chartserver.ChartServer;
import io.harbormaster.sandbox.flux.ObjectStorage;
import io.harbormaster.sandbox.flux.SimulatedFlux;
import io.harbormaster.sandbox.flux.chart.ChartCatalogue;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import io.harbormaster.sandbox.git.BareRepository;
import io.harbormaster.sandbox.git.GitServer;
import io.harbormaster.sandbox.imageautomation.ImageAutomation;
import io.harbormaster.sandbox.node.SandboxNodes;
import io.harbormaster.sandbox.oci.OciRegistry;
import io.harbormaster.sandbox.oci.SimulatedCi;
import io.harbormaster.sandbox.storage.SandboxStorage;
import io.harbormaster.sandbox.workload.WorkloadSimulation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A simulated cluster on loopback: an API server (fabric8's mock in CRUD mode, or a real
 * kube-apiserver, see {@link ApiServerKind}); simulated Flux applying a fleet repository that a
 * real git server (smart HTTP) holds; Deployment and StatefulSet controllers and a kubelet whose
 * pods turn Ready unless their image tag is one of {@code brokenTags} (or the standard chart's
 * {@link PostgresChart#CRASHING_TAG}), placed on {@link #NODES} nodes whose kubelets report the
 * volume usage set through {@link #nodes()}; a PVC binder, resizer and CSI snapshotter keeping
 * every volume as a folder under {@code work}; a Helm chart repository serving the charts Flux
 * renders ({@link #chartRepositoryUrl()}). Flux's GitRepository {@code flux-system/fleet} points at
 * the fleet repository's {@link #BRANCH}.
 *
 * <pre>{@code
 * try (SandboxCluster cluster = SandboxCluster.start(work, Set.of("6.6.6"))) {
 *   new SampleApps(cluster).web("1.0.0");
 * }
 * }</pre>
 */
public final class SandboxCluster implements AutoCloseable {
  public static final String FLUX_NAMESPACE = "flux-system";
  public static final String FLEET = "fleet";
  public static final String BRANCH = "main";

  /** How many nodes the cluster has: two, so a pod can move to another. */
  public static final int NODES = 2;

  /** The name of the sandbox's chart repository on its {@link #chartServer()}. */
  public static final String CHART_REPOSITORY = "charts";

  private final SandboxApiServer server;
  private final KubernetesClient client;
  private final GitServer gitServer;
  private final ChartServer chartServer;
  private final BareRepository fleet;
  private final SandboxStorage storage;
  private final SandboxNodes nodes;
  private final WorkloadSimulation workloads;
  private final SimulatedFlux flux;
  private final List<SimulatedCi> pipelines = new CopyOnWriteArrayList<>();

  private SandboxCluster(
      SandboxApiServer server,
      KubernetesClient client,
      GitServer gitServer,
      ChartServer chartServer,
      BareRepository fleet,
      SandboxStorage storage,
      SandboxNodes nodes,
      WorkloadSimulation workloads,
      SimulatedFlux flux) {
    this.server = server;
    this.client = client;
    this.gitServer = gitServer;
    this.chartServer = chartServer;
    this.fleet = fleet;
    this.storage = storage;
    this.nodes = nodes;
    this.workloads = workloads;
    this.flux = flux;
  }

  /**
   * Starts every part on the API server {@link ApiServerKind#fromSystemProperties()} names; {@code
   * work} holds the git server's repositories and the volumes.
   */
  public static SandboxCluster start(Path work, Set<String> brokenTags) {
    return start(work, brokenTags, ApiServerKind.fromSystemProperties());
  }

  /**
   * The tags whose pods never get Ready: the caller's, and the one the standard chart's broken
   * release runs.
   */
  private static Set<String> withCrashingChartTag(Set<String> brokenTags) {
    Set<String> tags = new HashSet<>(brokenTags);
    tags.add(PostgresChart.CRASHING_TAG);
    return tags;
  }

  public static SandboxCluster start(Path work, Set<String> brokenTags, ApiServerKind apiServer) {
    SandboxApiServer server = SandboxApiServer.start(apiServer);
    KubernetesClient client = server.newClient("sandbox");
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(FLUX_NAMESPACE).endMetadata().build())
        .createOr(NonDeletingOperation::update);
    GitServer gitServer = GitServer.start(work.resolve("git-server"));
    BareRepository fleet = gitServer.create(FLEET + ".git");
    fleet.commit(BRANCH, Map.of("README.md", "the fleet\n"), "start the fleet");
    SandboxStorage storage = new SandboxStorage(client, work.resolve("volumes"), Clock.systemUTC());
    SandboxNodes nodes = SandboxNodes.start(client, NODES);
    WorkloadSimulation workloads =
        WorkloadSimulation.start(client, withCrashingChartTag(brokenTags));
    SimulatedFlux flux = SimulatedFlux.start(client);
    ChartServer chartServer = ChartServer.start();
    chartServer.serve(CHART_REPOSITORY, flux.charts());
    SandboxCluster cluster =
        new SandboxCluster(
            server, client, gitServer, chartServer, fleet, storage, nodes, workloads, flux);
    // An interval longer than any test: a commit reaches Flux only when someone asks the source to
    // fetch it, so a Harbormaster that forgot to would fail here as it would wait on a real
    // cluster.
    cluster.createFluxObject(
        "source.toolkit.fluxcd.io/v1",
        "GitRepository",
        FLEET,
        Map.of("interval", "1h", "url", cluster.fleetUrl(), "ref", Map.of("branch", BRANCH)));
    return cluster;
  }

  /** The sandbox's own client (the simulated controllers have theirs). */
  public KubernetesClient client() {
    return client;
  }

  /**
   * A new administrator's client of the API server that identifies itself by {@code userAgent};
   * closing it cuts its caller off the cluster, as a pod that dies.
   */
  public KubernetesClient newClient(String userAgent) {
    return server.newClient(userAgent);
  }

  /** The API server, e.g. to read the requests the mock recorded or to restart the real one. */
  public SandboxApiServer apiServer() {
    return server;
  }

  /** The API server's address, for a kubeconfig. */
  public String apiServerUrl() {
    return server.url();
  }

  /** The fleet repository, written to directly as someone pushing to it would. */
  public BareRepository fleet() {
    return fleet;
  }

  /** The fleet repository's clone URL (HTTP on loopback, no credentials). */
  public String fleetUrl() {
    return gitServer.url(FLEET + ".git");
  }

  public GitServer gitServer() {
    return gitServer;
  }

  /**
   * The charts of the sandbox's chart repository ({@link #chartRepositoryUrl()}), which its Flux
   * renders: {@link ChartCatalogue#publish publish} a version and a HelmRepository sees it at its
   * next fetch.
   */
  public ChartCatalogue charts() {
    return flux.charts();
  }

  /**
   * The URL of the sandbox's Helm chart repository, for a HelmRepository's {@code spec.url}: {@code
   * <url>/index.yaml} lists the versions {@link #charts()} has published.
   */
  public String chartRepositoryUrl() {
    return chartServer.url(CHART_REPOSITORY);
  }

  /**
   * The server of the sandbox's chart repositories, e.g. to put repository {@link
   * #CHART_REPOSITORY} behind HTTP Basic authentication or to serve another catalogue.
   */
  public ChartServer chartServer() {
    return chartServer;
  }

  public SandboxStorage storage() {
    return storage;
  }

  /** The nodes: set a volume's usage as their kubelets report it, stop one, cordon one. */
  public SandboxNodes nodes() {
    return nodes;
  }

  /**
   * Asks source-controller to fetch the fleet repository now, as {@code flux reconcile source git
   * fleet} does: a commit pushed to it reaches the Kustomizations only once fetched, on the
   * GitRepository's interval otherwise.
   */
  public void fetchFleet() {
    // A merge patch, as the flux CLI sends: no resourceVersion to conflict with source-controller's
    // status writes.
    fluxObject("source.toolkit.fluxcd.io/v1", "GitRepository", FLUX_NAMESPACE, FLEET)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            client
                .getKubernetesSerialization()
                .asJson(
                    Map.of(
                        "metadata",
                        Map.of(
                            "annotations",
                            Map.of("reconcile.fluxcd.io/requestedAt", Instant.now().toString())))));
  }

  /**
   * Creates Kustomization {@code flux-system/<name>} applying {@code path} of the fleet repository.
   */
  public void kustomization(String name, String path) {
    kustomization(name, "GitRepository", FLEET, path);
  }

  /**
   * Creates Kustomization {@code flux-system/<name>} applying {@code path} of the artifact that
   * source {@code flux-system/<source>} of kind {@code sourceKind} holds (an OCIRepository, a
   * Bucket).
   */
  public void kustomization(String name, String sourceKind, String source, String path) {
    createFluxObject(
        "kustomize.toolkit.fluxcd.io/v1",
        "Kustomization",
        name,
        Map.of(
            "interval",
            "10m",
            "sourceRef",
            Map.of("kind", sourceKind, "name", source),
            "path",
            path,
            "prune",
            true));
  }

  /**
   * Starts a CI pipeline that publishes {@code path} of the fleet's branch as OCI artifact {@code
   * repository}, tag {@code latest}, {@code delay} after each push to it (a client's push or a
   * direct commit), as {@code flux push artifact --source --revision} does.
   *
   * @return the artifact's URL, for an OCIRepository's {@code spec.url}
   */
  public String publishAsOci(String path, String repository, Duration delay) {
    String url = OciRegistry.url(repository);
    SimulatedCi ci =
        new SimulatedCi(
            flux.registry(),
            fleet,
            fleetUrl(),
            new SimulatedCi.Pipeline(FLEET + ".git", BRANCH, path, url, "latest", delay));
    pipelines.add(ci);
    gitServer.onPush(ci::pushed);
    return url;
  }

  /**
   * The sandbox's Flux image automation: publish tags to its registry for ImageRepositories to
   * scan; read what the ImageUpdateAutomations did.
   */
  public ImageAutomation imageAutomation() {
    return flux.imageAutomation();
  }

  /** The object storage the sandbox's Buckets list: fill a bucket there. */
  public ObjectStorage objectStorage() {
    return flux.objectStorage();
  }

  /** Creates Bucket {@code flux-system/<name>} listing bucket {@code bucketName} every hour. */
  public void bucket(String name, String bucketName) {
    createFluxObject(
        "source.toolkit.fluxcd.io/v1",
        "Bucket",
        name,
        Map.of("interval", "1h", "bucketName", bucketName, "endpoint", "minio.sandbox.example"));
  }

  /**
   * Creates OCIRepository {@code flux-system/<name>} pulling tag {@code latest} of {@code url}
   * every hour: longer than any test, so a new artifact arrives only when someone asks it to fetch.
   */
  public void ociRepository(String name, String url) {
    createFluxObject(
        "source.toolkit.fluxcd.io/v1",
        "OCIRepository",
        name,
        Map.of("interval", "1h", "url", url, "ref", Map.of("tag", "latest")));
  }

  public Resource<GenericKubernetesResource> fluxObject(
      String apiVersion, String kind, String namespace, String name) {
    return client
        .genericKubernetesResources(apiVersion, kind)
        .inNamespace(namespace)
        .withName(name);
  }

  /** Whether Kustomization {@code flux-system/<name>} is suspended. */
  public boolean suspended(String kustomization) {
    GenericKubernetesResource object =
        fluxObject("kustomize.toolkit.fluxcd.io/v1", "Kustomization", FLUX_NAMESPACE, kustomization)
            .get();
    return Boolean.TRUE.equals(object.get("spec", "suspend"));
  }

  @Override
  public void close() {
    pipelines.forEach(SimulatedCi::close);
    flux.close();
    workloads.close();
    nodes.close();
    storage.close();
    fleet.close();
    chartServer.close();
    gitServer.close();
    client.close();
    server.close();
  }

  private void createFluxObject(
      String apiVersion, String kind, String name, Map<String, Object> spec) {
    GenericKubernetesResource object =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(apiVersion)
            .withKind(kind)
            .withNewMetadata()
            .withNamespace(FLUX_NAMESPACE)
            .withName(name)
            .endMetadata()
            .withAdditionalProperties(Map.of("spec", new LinkedHashMap<>(spec)))
            .build();
    client
        .genericKubernetesResources(apiVersion, kind)
        .inNamespace(FLUX_NAMESPACE)
        .resource(object)
        .create();
  }
}
