package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.core.version.SemanticVersion;
import io.harbormaster.sandbox.flux.chart.Chart;
import io.harbormaster.sandbox.flux.chart.ChartCatalogue;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** What one HelmRelease asks for: where its release lives, and the chart, version and values. */
record HelmTarget(
    String release,
    String namespace,
    String storageNamespace,
    Optional<Chart> chart,
    String version,
    Map<String, Object> values) {
  /** A chart the catalogue cannot serve: helm-controller's HelmChart is not ready. */
  static final class ChartNotReady extends RuntimeException {
    ChartNotReady(String message) {
      super(message);
    }
  }

  /** Where the release lives, which needs no chart. */
  static HelmTarget names(GenericKubernetesResource helmRelease) {
    String name = helmRelease.getMetadata().getName();
    String namespace = helmRelease.getMetadata().getNamespace();
    Optional<String> targetNamespace = Fields.text(helmRelease, "spec", "targetNamespace");
    return new HelmTarget(
        HelmStorageNames.releaseName(
            name, targetNamespace, Fields.text(helmRelease, "spec", "releaseName")),
        targetNamespace.orElse(namespace),
        Fields.text(helmRelease, "spec", "storageNamespace").orElse(namespace),
        Optional.empty(),
        "",
        Map.of());
  }

  /**
   * The whole target, its chart and version from the catalogue.
   *
   * @throws ChartNotReady in helm-controller's words for a HelmChart that found no such chart or
   *     version
   */
  static HelmTarget of(GenericKubernetesResource helmRelease, ChartCatalogue charts) {
    HelmTarget names = names(helmRelease);
    String chartName = Fields.text(helmRelease, "spec", "chart", "spec", "chart").orElse("");
    String helmChart =
        "HelmChart '"
            + helmChartNamespace(helmRelease)
            + "/"
            + helmRelease.getMetadata().getNamespace()
            + "-"
            + helmRelease.getMetadata().getName()
            + "' is not ready: ";
    Chart chart =
        charts
            .chart(chartName)
            .orElseThrow(
                () ->
                    new ChartNotReady(
                        helmChart
                            + "chart '"
                            + chartName
                            + "' is not in the sandbox's chart catalogue (it has "
                            + charts.names()
                            + "): fix spec.chart.spec.chart"));
    Optional<String> asked = Fields.text(helmRelease, "spec", "chart", "spec", "version");
    String version =
        version(chart, asked)
            .orElseThrow(
                () ->
                    new ChartNotReady(
                        helmChart
                            + "invalid chart reference: failed to get chart version for remote reference: no '"
                            + chart.name()
                            + "' chart with version matching '"
                            + asked.orElse("*")
                            + "' found (the sandbox's catalogue has "
                            + new TreeSet<>(chart.versions().keySet())
                            + " and takes exact versions only)"));
    return new HelmTarget(
        names.release(),
        names.namespace(),
        names.storageNamespace(),
        Optional.of(chart),
        version,
        Fields.map(helmRelease, "spec", "values"));
  }

  /** The exact version asked for, or the newest when none or {@code *} is. */
  private static Optional<String> version(Chart chart, Optional<String> asked) {
    if (asked.isEmpty() || asked.get().equals("*")) {
      return chart.versions().keySet().stream()
          .filter(v -> SemanticVersion.parse(v).isPresent())
          .max(Comparator.comparing(v -> SemanticVersion.parse(v).orElseThrow()));
    }
    return chart.versions().containsKey(asked.get()) ? asked : Optional.empty();
  }

  /** helm-controller creates the HelmChart in its source's namespace. */
  private static String helmChartNamespace(GenericKubernetesResource helmRelease) {
    return Fields.text(helmRelease, "spec", "chart", "spec", "sourceRef", "namespace")
        .orElse(helmRelease.getMetadata().getNamespace());
  }

  Chart requireChart() {
    return chart.orElseThrow();
  }

  String describe() {
    return namespace + "/" + release;
  }

  String chartAtVersion() {
    return requireChart().name() + "@" + version;
  }
}
