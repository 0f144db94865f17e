package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.core.version.SemanticVersion;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Plays source-controller for one HelmChart: looks its chart and exact version up in the index its
 * HelmRepository last fetched (a version published since is not there), and records the version as
 * its artifact, or Ready=False with source-controller's words. A new artifact wakes the
 * HelmReleases using it.
 *
 * <p>A chart or version the index does not list is an invalid chart reference, which
 * source-controller takes for a persistent build error: FetchFailed=True, Ready=False and
 * Stalled=True, all {@code InvalidChartReference}, {@code observedGeneration} recorded, the
 * artifact pulled before kept, and no retry: it is reconciled again only for a new spec, a
 * reconcile request or a new index of its HelmRepository.
 */
final class HelmChartReconciler implements FluxReconciler {
  private final HelmIndexes indexes;
  private final StatusWriter status;
  private final BiConsumer<String, String> onNewArtifact;

  HelmChartReconciler(
      HelmIndexes indexes, StatusWriter status, BiConsumer<String, String> onNewArtifact) {
    this.indexes = indexes;
    this.status = status;
    this.onNewArtifact = onNewArtifact;
  }

  @Override
  public Outcome reconcile(GenericKubernetesResource helmChart) {
    String namespace = helmChart.getMetadata().getNamespace();
    String repository = Fields.text(helmChart, "spec", "sourceRef", "name").orElse("");
    String chart = Fields.text(helmChart, "spec", "chart").orElse("");
    String version = Fields.text(helmChart, "spec", "version").orElse("*");
    Optional<Map<String, Set<String>>> index = indexes.of(namespace, repository);
    if (index.isEmpty()) {
      return notReady(
          helmChart,
          "SourceUnavailable",
          "failed to get source: HelmRepository "
              + namespace
              + "/"
              + repository
              + " has no artifact yet");
    }
    Set<String> listed = index.get().get(chart);
    if (listed == null || listed.isEmpty()) {
      return invalidReference(
          helmChart, listed == null ? "no chart name found" : "no chart version found");
    }
    Optional<String> pulled =
        version.equals("*") ? newest(listed) : Optional.of(version).filter(listed::contains);
    if (pulled.isEmpty()) {
      return invalidReference(
          helmChart, "no '" + chart + "' chart with version matching '" + version + "' found");
    }
    boolean changed =
        !pulled.get().equals(Fields.text(helmChart, "status", "artifact", "revision").orElse(""));
    status
        .update(FluxType.HELM_CHART, helmChart)
        .field("artifact", Map.of("revision", pulled.get()))
        .condition(
            "Ready",
            true,
            "ChartPullSucceeded",
            "pulled '" + chart + "' chart with version '" + pulled.get() + "'")
        .without("FetchFailed", "Stalled")
        .finalized()
        .write();
    if (changed) {
      onNewArtifact.accept(namespace, helmChart.getMetadata().getName());
    }
    return Outcome.done();
  }

  @Override
  public void whileSuspended(GenericKubernetesResource helmChart) {
    status.update(FluxType.HELM_CHART, helmChart).finalized().writeIfChanged();
  }

  private Outcome notReady(GenericKubernetesResource helmChart, String reason, String message) {
    status
        .update(FluxType.HELM_CHART, helmChart)
        .condition("Reconciling", true, "Progressing", "reconciling chart")
        .condition("Ready", false, reason, message)
        .finalized()
        .write();
    return Outcome.retry();
  }

  /**
   * The chart reference cannot be resolved in the index: stalled until the spec changes, with
   * Helm's words for what is missing.
   */
  private Outcome invalidReference(GenericKubernetesResource helmChart, String missing) {
    String message =
        "invalid chart reference: failed to get chart version for remote reference: " + missing;
    status
        .update(FluxType.HELM_CHART, helmChart)
        .condition("FetchFailed", true, "InvalidChartReference", message)
        .condition("Ready", false, "InvalidChartReference", message)
        .condition("Stalled", true, "InvalidChartReference", message)
        .without("Reconciling")
        .observed()
        .write();
    return Outcome.stopped();
  }

  /** The highest semantic version listed; the simulation takes exact versions or {@code *} only. */
  private static Optional<String> newest(Set<String> versions) {
    return versions.stream()
        .filter(v -> SemanticVersion.parse(v).isPresent())
        .max(java.util.Comparator.comparing(v -> SemanticVersion.parse(v).orElseThrow()));
  }

  /**
   * Whether {@code helmChart} is built from HelmRepository {@code namespace/name}: its new index
   * wakes it.
   */
  static boolean buildsFrom(GenericKubernetesResource helmChart, String namespace, String name) {
    return namespace.equals(helmChart.getMetadata().getNamespace())
        && name.equals(Fields.text(helmChart, "spec", "sourceRef", "name").orElse(""));
  }
}
