package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.chartserver.ChartServer;
import io.harbormaster.sandbox.flux.chart.ChartCatalogue;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import io.harbormaster.sandbox.oci.OciRegistry;
import io.harbormaster.sandbox.workload.WorkloadSimulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** Creates, changes and waits for Flux objects the way a user or Harbormaster would. */
final class FluxFixture implements AutoCloseable {
  static final String NS = "flux-system";
  private static final Duration WAIT = Duration.ofSeconds(15);

  /**
   * Flux's own delays, but a Kustomization waiting on another looks again after a second, not 30.
   */
  static final FluxTimings TIMINGS =
      new FluxTimings(
          FluxTimings.standard().firstRetry(),
          FluxTimings.standard().lastRetry(),
          Duration.ofSeconds(1),
          FluxTimings.standard().poll());

  private static final PatchContext MERGE =
      new PatchContext.Builder()
          .withPatchType(PatchType.JSON_MERGE)
          .withFieldManager("harbormaster")
          .build();

  private final KubernetesClient client;
  private final GitFixture git;
  private final SimulatedFlux flux;
  private final WorkloadSimulation workloads;
  private final ChartServer chartServer;
  private int requests;

  private FluxFixture(
      KubernetesClient client, GitFixture git, SimulatedFlux flux, WorkloadSimulation workloads) {
    this.client = client;
    this.git = git;
    this.flux = flux;
    this.workloads = workloads;
    this.chartServer = ChartServer.start();
    chartServer.serve(CHART_REPOSITORY, flux.charts());
  }

  /** The name of the chart repository that serves {@link #charts()}. */
  static final String CHART_REPOSITORY = "charts";

  /**
   * Simulated Flux on {@code client}, with GitRepository {@code fleet} on a fresh repository under
   * {@code temp}, and the workload controllers and kubelet Helm's wait needs (the standard chart's
   * broken release crash-loops).
   */
  static FluxFixture start(KubernetesClient client, Path temp) {
    FluxFixture fixture =
        new FluxFixture(
            client,
            new GitFixture(temp),
            SimulatedFlux.start(client, ChartCatalogue.standard(), TIMINGS),
            WorkloadSimulation.start(client, Set.of(PostgresChart.CRASHING_TAG)));
    fixture.gitRepository("fleet", fixture.git.url());
    return fixture;
  }

  /**
   * The charts the chart server's repository {@link #CHART_REPOSITORY} serves and the simulated
   * helm-controller renders.
   */
  ChartCatalogue charts() {
    return flux.charts();
  }

  /** The chart server: repository {@link #CHART_REPOSITORY} serves {@link #charts()}. */
  ChartServer chartServer() {
    return chartServer;
  }

  /** The URL of the chart repository that serves {@link #charts()}. */
  String chartRepositoryUrl() {
    return chartServer.url(CHART_REPOSITORY);
  }

  /**
   * Whether the simulation plans to reconcile this object again without being asked (its interval,
   * a requeue, a retry), answered once the reconcile under way, if any, has ended.
   */
  boolean plansToReconcile(FluxType type, String namespace, String name) {
    return flux.plansToReconcile(type, namespace, name);
  }

  /** The OCI registry the simulated OCIRepositories pull from. */
  OciRegistry registry() {
    return flux.registry();
  }

  /**
   * OCIRepository {@code name} resolving tag {@code latest} of {@code url} every {@code interval}.
   */
  void ociRepository(String name, String url, String interval) {
    create(
        FluxType.OCI_REPOSITORY,
        name,
        Map.of("url", url, "ref", Map.of("tag", "latest"), "interval", interval));
  }

  /** The object storage the simulated Buckets list. */
  ObjectStorage objectStorage() {
    return flux.objectStorage();
  }

  /** Bucket {@code name} listing bucket {@code bucketName} every hour. */
  void bucket(String name, String bucketName) {
    create(
        FluxType.BUCKET,
        name,
        Map.of("bucketName", bucketName, "endpoint", "minio.sandbox.example", "interval", "1h"));
  }

  /** The fleet repository's working clone: write files, then commit and push. */
  GitFixture git() {
    return git;
  }

  @Override
  public void close() {
    flux.close();
    chartServer.close();
    workloads.close();
    git.close();
  }

  /** GitRepository {@code name} fetching the main branch of {@code url} every {@code interval}. */
  void gitRepository(String name, String url, String interval) {
    create(
        FluxType.GIT_REPOSITORY,
        name,
        Map.of("url", url, "ref", Map.of("branch", "main"), "interval", interval));
  }

  private void gitRepository(String name, String url) {
    gitRepository(name, url, "10m");
  }

  /**
   * Creates a Kustomization of the fleet, having asked the fleet to fetch what was pushed, as one
   * runs {@code flux reconcile source git fleet} before.
   */
  void kustomization(String name, String path, Map<String, Object> extraSpec) {
    fetchFleet();
    Map<String, Object> spec =
        new java.util.LinkedHashMap<>(
            Map.of(
                "sourceRef",
                Map.of("kind", "GitRepository", "name", "fleet"),
                "path",
                path,
                "prune",
                true,
                "interval",
                "10m"));
    spec.putAll(extraSpec);
    create(FluxType.KUSTOMIZATION, name, spec);
  }

  /** As {@code flux reconcile source git fleet}. */
  void fetchFleet() {
    requestReconcile(FluxType.GIT_REPOSITORY, NS, "fleet");
  }

  /**
   * As {@code flux reconcile kustomization <name> --with-source}: the fleet fetches, then the
   * Kustomization reconciles.
   */
  void reconcileWithSource(String kustomization) {
    fetchFleet();
    requestReconcile(FluxType.KUSTOMIZATION, NS, kustomization);
  }

  /** Creates Flux object {@code flux-system/<name>} of this type with this spec. */
  void create(FluxType type, String name, Map<String, Object> spec) {
    GenericKubernetesResource object =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(type.apiVersion())
            .withKind(type.kind())
            .withNewMetadata()
            .withNamespace(NS)
            .withName(name)
            .endMetadata()
            .withAdditionalProperties(Map.of("spec", spec))
            .build();
    type.resources(client).inNamespace(NS).resource(object).create();
  }

  /** The image of Deployment {@code namespace/name}'s (first) container. */
  String deploymentImage(String namespace, String name) {
    return image(
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName(name)
            .get()
            .getSpec()
            .getTemplate());
  }

  /** The image of a pod template's (first) container. */
  static String image(PodTemplateSpec template) {
    return template.getSpec().getContainers().get(0).getImage();
  }

  GenericKubernetesResource get(FluxType type, String namespace, String name) {
    return type.resources(client).inNamespace(namespace).withName(name).get();
  }

  /** Sets a new {@code requestedAt} and returns it. */
  String requestReconcile(FluxType type, String namespace, String name) {
    String token = "request-" + ++requests;
    patch(
        type,
        namespace,
        name,
        Map.of("metadata", Map.of("annotations", Map.of(ReconcileRequests.REQUESTED_AT, token))));
    return token;
  }

  void suspend(FluxType type, String namespace, String name, boolean suspend) {
    patch(type, namespace, name, Map.of("spec", Map.of("suspend", suspend)));
  }

  private void patch(FluxType type, String namespace, String name, Map<String, Object> patch) {
    type.resources(client)
        .inNamespace(namespace)
        .withName(name)
        .patch(MERGE, client.getKubernetesSerialization().asJson(patch));
  }

  GenericKubernetesResource await(
      FluxType type,
      String namespace,
      String name,
      Predicate<GenericKubernetesResource> condition) {
    return AwaitCondition.until(
        type.resources(client).inNamespace(namespace).withName(name),
        object -> object != null && condition.test(object),
        WAIT);
  }

  /**
   * Ready has this status, set for the object's current generation (the condition records which it
   * was set for).
   */
  static Predicate<GenericKubernetesResource> ready(String status) {
    return object ->
        status.equals(readyCondition(object).get("status"))
            && readyCondition(object).get("observedGeneration") instanceof Number observed
            && observed.longValue() == ReconcileRequests.generation(object);
  }

  static Predicate<GenericKubernetesResource> appliedRevision(String commit) {
    return object ->
        Fields.text(object, "status", "lastAppliedRevision")
            .orElse("")
            .equals("main@sha1:" + commit);
  }

  static Map<String, Object> readyCondition(GenericKubernetesResource object) {
    return condition(object, "Ready");
  }

  /** The object's condition of this type; empty when it has none. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> condition(GenericKubernetesResource object, String type) {
    Object conditions = object.get("status", "conditions");
    if (!(conditions instanceof List)) {
      return Map.of();
    }
    return ((List<Object>) conditions)
        .stream()
            .map(condition -> (Map<String, Object>) condition)
            .filter(condition -> Objects.equals(type, condition.get("type")))
            .findFirst()
            .orElse(Map.of());
  }
}
