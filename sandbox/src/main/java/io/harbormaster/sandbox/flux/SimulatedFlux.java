package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.sandbox.flux.chart.ChartCatalogue;
import io.harbormaster.sandbox.imageautomation.ImageAutomation;
import io.harbormaster.sandbox.oci.OciRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * A simulated Flux for the sandbox's API server: plays source-controller (GitRepository, fetched
 * with JGit on its interval or on request; OCIRepository, pulled from an in-memory {@link
 * OciRegistry} likewise; Bucket, listed from an {@link ObjectStorage}; HelmRepository, whose {@code
 * index.yaml} it downloads over HTTP, e.g. from a {@link
 * io.harbormaster.sandbox.chartserver.ChartServer}), kustomize-controller (Kustomization) and
 * helm-controller (HelmRelease, rendered by the Java charts of a {@link ChartCatalogue} at the
 * version its HelmChart pulled from that index) closely enough for Harbormaster's real adapters and
 * engine to run whole upgrades and rollbacks. It is a simulation: see the package documentation for
 * what it leaves out.
 *
 * <pre>{@code
 * try (SimulatedFlux flux = SimulatedFlux.start(client)) {
 *   // create a GitRepository and a Kustomization; their objects appear, their status is written
 * }
 * }</pre>
 */
public final class SimulatedFlux implements AutoCloseable {
  private final FluxLoop loop;
  private final GitSources sources;
  private final ChartCatalogue charts;
  private final OciRegistry registry;
  private final ObjectStorage storage;
  private final ImageAutomation images;

  private SimulatedFlux(
      FluxLoop loop,
      GitSources sources,
      ChartCatalogue charts,
      OciRegistry registry,
      ObjectStorage storage,
      ImageAutomation images) {
    this.loop = loop;
    this.sources = sources;
    this.charts = charts;
    this.registry = registry;
    this.storage = storage;
    this.images = images;
  }

  /**
   * Its image-reflector- and image-automation-controller: publish tags to its registry for the
   * ImageRepositories to scan.
   */
  public ImageAutomation imageAutomation() {
    return images;
  }

  /** The object storage its Buckets list: put a bucket's objects there. */
  public ObjectStorage objectStorage() {
    return storage;
  }

  /**
   * The OCI registry its OCIRepositories pull from ({@link OciRegistry#url}): publish artifacts to
   * it, e.g. with a {@link io.harbormaster.sandbox.oci.SimulatedCi}.
   */
  public OciRegistry registry() {
    return registry;
  }

  /**
   * The charts its helm-controller renders: serve them with a {@link
   * io.harbormaster.sandbox.chartserver.ChartServer} for HelmRepositories to fetch their index, and
   * publish a version to see a repository pick it up on its next fetch.
   */
  public ChartCatalogue charts() {
    return charts;
  }

  /** Flux with the sandbox's standard charts. */
  public static SimulatedFlux start(KubernetesClient client) {
    return start(client, ChartCatalogue.standard());
  }

  /**
   * Installs the Flux CRDs, starts the controllers and returns once they have seen the Flux objects
   * that exist.
   */
  public static SimulatedFlux start(KubernetesClient client, ChartCatalogue charts) {
    return start(client, charts, FluxTimings.standard());
  }

  static SimulatedFlux start(KubernetesClient client, ChartCatalogue charts, FluxTimings timings) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(charts, "charts");
    installCrds(client);
    StatusWriter status = new StatusWriter(client, Clock.systemUTC());
    GitSources sources = new GitSources();
    StoredArtifacts artifacts = new StoredArtifacts();
    OciRegistry registry = new OciRegistry();
    FluxLoop loop = new FluxLoop(client, timings);
    SourceFetches fetches =
        new SourceFetches(
            artifacts,
            status,
            (type, namespace, name) ->
                loop.wake(
                    FluxType.KUSTOMIZATION,
                    kustomization ->
                        KustomizationReconciler.buildsFrom(kustomization, type, namespace, name)));
    loop.watchOnInterval(FluxType.GIT_REPOSITORY, new GitRepositoryReconciler(sources, fetches));
    loop.watchOnInterval(FluxType.OCI_REPOSITORY, new OciRepositoryReconciler(registry, fetches));
    ObjectStorage storage = new ObjectStorage();
    loop.watchOnInterval(FluxType.BUCKET, new BucketReconciler(storage, fetches));
    loop.watchOnInterval(
        FluxType.KUSTOMIZATION, new KustomizationReconciler(client, artifacts, status, timings));
    loop.watchOnInterval(
        FluxType.HELM_RELEASE, new HelmReleaseReconciler(client, charts, status, timings));
    // helm-controller watches only the ConfigMaps and Secrets labelled for it; a change of any
    // other reaches a release at its interval or on request.
    loop.wakeOnChange(
        client.configMaps().inAnyNamespace().withLabel(HelmValues.WATCH_LABEL, "Enabled"),
        FluxType.HELM_RELEASE,
        (release, map) -> ValuesReference.reads(release, ValuesReference.CONFIG_MAP, map));
    loop.wakeOnChange(
        client.secrets().inAnyNamespace().withLabel(HelmValues.WATCH_LABEL, "Enabled"),
        FluxType.HELM_RELEASE,
        (release, secret) -> ValuesReference.reads(release, ValuesReference.SECRET, secret));
    HelmIndexes indexes = new HelmIndexes();
    loop.watchOnInterval(
        FluxType.HELM_REPOSITORY,
        new HelmRepositoryReconciler(
            client,
            indexes,
            fetches,
            status,
            (namespace, name) ->
                loop.wake(
                    FluxType.HELM_CHART,
                    chart -> HelmChartReconciler.buildsFrom(chart, namespace, name))));
    loop.watchOnInterval(
        FluxType.HELM_CHART,
        new HelmChartReconciler(
            indexes,
            status,
            (namespace, name) ->
                loop.wake(
                    FluxType.HELM_RELEASE, release -> HelmCharts.uses(release, namespace, name))));
    ImageAutomation images = new ImageAutomation(client, status);
    loop.watch(
        FluxType.IMAGE_REPOSITORY,
        images.repositories(
            (namespace, name) ->
                loop.wake(
                    FluxType.IMAGE_POLICY,
                    policy -> ImageAutomation.readsFrom(policy, namespace, name))));
    loop.watch(
        FluxType.IMAGE_POLICY,
        images.policies(
            namespace ->
                loop.wake(
                    FluxType.IMAGE_UPDATE_AUTOMATION,
                    automation -> ImageAutomation.usesPoliciesOf(automation, namespace))));
    loop.watchOnInterval(FluxType.IMAGE_UPDATE_AUTOMATION, images.automations());
    loop.start();
    return new SimulatedFlux(loop, sources, charts, registry, storage, images);
  }

  /**
   * Creates the GitRepository, Kustomization and HelmRelease CRDs, with the status subresource,
   * unless they exist: the mock API server serves a custom resource's {@code /status} only once its
   * CRD does.
   */
  public static void installCrds(KubernetesClient client) {
    for (FluxType type : FluxType.values()) {
      type.installCrd(client);
    }
  }

  /**
   * Whether the controller of {@code type} plans to reconcile {@code namespace/name} again without
   * being asked (at its interval, after a requeue or a retry), answered once the reconcile under
   * way, if any, has ended: a stalled object has no such plan.
   */
  boolean plansToReconcile(FluxType type, String namespace, String name) {
    return loop.plansToReconcile(type, namespace, name);
  }

  @Override
  public void close() {
    loop.close();
    sources.close();
  }
}
