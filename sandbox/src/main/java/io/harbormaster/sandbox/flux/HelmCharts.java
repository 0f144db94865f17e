package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.sandbox.flux.chart.Chart;
import io.harbormaster.sandbox.flux.chart.ChartCatalogue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * helm-controller's part in a HelmRelease's chart: it keeps a HelmChart {@code <namespace>-<name>}
 * in the source's namespace whose spec follows {@code spec.chart.spec}, and takes the chart at the
 * version that HelmChart pulled once source-controller has observed its current spec, it is not
 * stalled and it has an artifact; otherwise the HelmRelease waits with helm-controller's (v1)
 * {@code SourceNotReady} and {@code HelmChart '<namespace>/<name>' is not ready: <why>}, the why
 * being the HelmChart's Ready message (its spec not observed yet), its Stalled message, or that it
 * has no artifact.
 */
final class HelmCharts {
  /** The chart to install, or why there is none yet: the message of {@code SourceNotReady}. */
  record Resolution(Chart chart, String version, String notReady) {}

  private final KubernetesClient client;
  private final ChartCatalogue charts;

  HelmCharts(KubernetesClient client, ChartCatalogue charts) {
    this.client = client;
    this.charts = charts;
  }

  Resolution resolve(GenericKubernetesResource helmRelease) {
    String namespace =
        Fields.text(helmRelease, "spec", "chart", "spec", "sourceRef", "namespace")
            .orElse(helmRelease.getMetadata().getNamespace());
    String name =
        helmRelease.getMetadata().getNamespace() + "-" + helmRelease.getMetadata().getName();
    String prefix = "HelmChart '" + namespace + "/" + name + "' is not ready: ";
    if (!"HelmRepository"
        .equals(
            Fields.text(helmRelease, "spec", "chart", "spec", "sourceRef", "kind").orElse(""))) {
      return new Resolution(
          null,
          "",
          prefix
              + "the sandbox serves charts from a HelmRepository only (spec.chart.spec.sourceRef)");
    }
    GenericKubernetesResource helmChart = ensure(helmRelease, namespace, name);
    Map<String, Object> ready = Fields.condition(helmChart, "Ready");
    Map<String, Object> stalled = Fields.condition(helmChart, "Stalled");
    Optional<String> revision = Fields.text(helmChart, "status", "artifact", "revision");
    if (Fields.number(helmChart, "status", "observedGeneration")
        != ReconcileRequests.generation(helmChart)) {
      return new Resolution(
          null,
          "",
          prefix
              + ("False".equals(ready.get("status"))
                  ? ready.get("message")
                  : "latest generation of object has not been reconciled"));
    }
    if ("True".equals(stalled.get("status"))) {
      return new Resolution(null, "", prefix + stalled.get("message"));
    }
    if (revision.isEmpty()) {
      return new Resolution(null, "", prefix + "does not have an artifact");
    }
    String chartName = Fields.text(helmChart, "spec", "chart").orElse("");
    return charts
        .chart(chartName)
        .map(chart -> new Resolution(chart, revision.get(), null))
        .orElseGet(
            () ->
                new Resolution(
                    null,
                    "",
                    prefix + "chart '" + chartName + "' is not in the sandbox's catalogue"));
  }

  /** The HelmChart, created or its spec brought in line with the HelmRelease's. */
  private GenericKubernetesResource ensure(
      GenericKubernetesResource helmRelease, String namespace, String name) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("chart", Fields.text(helmRelease, "spec", "chart", "spec", "chart").orElse(""));
    spec.put("version", Fields.text(helmRelease, "spec", "chart", "spec", "version").orElse("*"));
    spec.put(
        "sourceRef",
        Map.of(
            "kind",
            "HelmRepository",
            "name",
            Fields.text(helmRelease, "spec", "chart", "spec", "sourceRef", "name").orElse("")));
    spec.put(
        "interval",
        Fields.text(helmRelease, "spec", "chart", "spec", "interval")
            .or(() -> Fields.text(helmRelease, "spec", "interval"))
            .orElse("10m"));
    var resource = FluxType.HELM_CHART.resources(client).inNamespace(namespace).withName(name);
    GenericKubernetesResource live = resource.get();
    if (live == null) {
      return resource.create(
          new GenericKubernetesResourceBuilder()
              .withApiVersion(FluxType.HELM_CHART.apiVersion())
              .withKind(FluxType.HELM_CHART.kind())
              .withNewMetadata()
              .withNamespace(namespace)
              .withName(name)
              .addToLabels(HelmActions.NAME_LABEL, helmRelease.getMetadata().getName())
              .addToLabels(HelmActions.NAMESPACE_LABEL, helmRelease.getMetadata().getNamespace())
              .endMetadata()
              .withAdditionalProperties(Map.of("spec", spec))
              .build());
    }
    if (Objects.equals(spec, Fields.map(live, "spec"))) {
      return live;
    }
    return resource.patch(
        PatchContext.of(PatchType.JSON),
        client
            .getKubernetesSerialization()
            .asJson(List.of(Map.of("op", "add", "path", "/spec", "value", spec))));
  }

  /**
   * Whether {@code helmRelease}'s HelmChart is {@code namespace/name}: its new artifact wakes it.
   */
  static boolean uses(GenericKubernetesResource helmRelease, String namespace, String name) {
    String chartNamespace =
        Fields.text(helmRelease, "spec", "chart", "spec", "sourceRef", "namespace")
            .orElse(helmRelease.getMetadata().getNamespace());
    return chartNamespace.equals(namespace)
        && name.equals(
            helmRelease.getMetadata().getNamespace() + "-" + helmRelease.getMetadata().getName());
  }
}
