package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.sandbox.flux.chart.ChartCatalogue;
import java.time.Clock;
import java.util.Objects;

/**
 * A simulated Flux for the sandbox's API server: plays source-controller (GitRepository, fetched
 * with JGit on its interval or on request), kustomize-controller (Kustomization) and
 * helm-controller (HelmRelease, rendered from a {@link ChartCatalogue} instead of a Helm
 * repository) closely enough for Harbormaster's real adapters and engine to run whole upgrades and
 * rollbacks. It is a simulation: see the package documentation for what it leaves out.
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

  private SimulatedFlux(FluxLoop loop, GitSources sources, ChartCatalogue charts) {
    this.loop = loop;
    this.sources = sources;
    this.charts = charts;
  }

  /**
   * The charts its HelmRepositories serve: publish a version to see a repository pick it up on its
   * next fetch.
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
    FluxLoop loop = new FluxLoop(client, timings);
    loop.watchOnInterval(
        FluxType.GIT_REPOSITORY,
        new GitRepositoryReconciler(
            sources,
            artifacts,
            status,
            (namespace, name) ->
                loop.wake(
                    FluxType.KUSTOMIZATION,
                    kustomization ->
                        KustomizationReconciler.buildsFrom(kustomization, namespace, name))));
    loop.watchOnInterval(
        FluxType.KUSTOMIZATION, new KustomizationReconciler(client, artifacts, status, timings));
    loop.watchOnInterval(
        FluxType.HELM_RELEASE, new HelmReleaseReconciler(client, charts, status, timings));
    // helm-controller watches only the ConfigMaps and Secrets labelled for it; a change of any
    // other
    // reaches a release at its interval or on request.
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
            charts,
            indexes,
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
    loop.start();
    return new SimulatedFlux(loop, sources, charts);
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

  @Override
  public void close() {
    loop.close();
    sources.close();
  }
}
