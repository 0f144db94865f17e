package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.sandbox.flux.chart.Chart;
import java.util.Map;
import java.util.Optional;

/** What one HelmRelease asks for: where its release lives, and the chart, version and values. */
record HelmTarget(
    String release,
    String namespace,
    String storageNamespace,
    Optional<Chart> chart,
    String version,
    Map<String, Object> values) {

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
   * The whole target: {@code chart} at the {@code version} its HelmChart pulled, with the values
   * composed from {@code spec.valuesFrom} and {@code spec.values} ({@link HelmValues}).
   */
  static HelmTarget of(
      GenericKubernetesResource helmRelease,
      Chart chart,
      String version,
      Map<String, Object> values) {
    HelmTarget names = names(helmRelease);
    return new HelmTarget(
        names.release(),
        names.namespace(),
        names.storageNamespace(),
        Optional.of(chart),
        version,
        values);
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
