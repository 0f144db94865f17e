package io.harbormaster.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.core.health.ConditionStatus;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.model.FluxKind;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SourceKind;
import io.harbormaster.core.model.SourceRef;
import io.harbormaster.core.version.SemanticVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a Kustomization's or HelmRelease's live object into the core's {@link FluxStatus}. */
final class FluxStatusMapper {
  private FluxStatusMapper() {}

  static FluxStatus map(FluxRef ref, GenericKubernetesResource object) {
    return map(ref, object, Optional.empty());
  }

  /**
   * @param helmChart a HelmRelease's HelmChart, read by the caller (see {@link #chartSources}),
   *     when it exists
   */
  static FluxStatus map(
      FluxRef ref,
      GenericKubernetesResource object,
      Optional<GenericKubernetesResource> helmChart) {
    Map<String, Object> ready = condition(object, "Ready");
    Map<String, Object> stalled = condition(object, "Stalled");
    Map<String, Object> reconciling = condition(object, "Reconciling");
    var status =
        FluxStatus.builder()
            .ref(ref)
            .suspended(Boolean.TRUE.equals(object.get("spec", "suspend")))
            .ready(ConditionStatus.parse((String) ready.get("status")))
            .readyReason(text(ready.get("reason")))
            .readyMessage(text(ready.get("message")))
            .stalled(trueAsText(stalled, "Stalled"))
            .reconciling(trueAsText(reconciling, "Reconciling"))
            .generation(number(object.getMetadata().getGeneration()))
            .observedGeneration(number(object.get("status", "observedGeneration")))
            .handledReconcile(text(object.get("status", "lastHandledReconcileAt")));
    // HelmRelease v2 has no lastAppliedRevision; its parent Kustomization's shows the commit.
    if (ref.kind() == FluxKind.HELM_RELEASE) {
      status.lastRelease(lastRelease(object));
      status.lastReleaseConfigDigest(
          newestRelease(object).flatMap(newest -> text(newest.get("configDigest"))));
      status.attemptedConfigDigest(text(object.get("status", "lastAttemptedConfigDigest")));
      status.attemptedGeneration(
          Optional.ofNullable(object.get("status", "lastAttemptedGeneration"))
              .map(FluxStatusMapper::number));
      status.wantedChart(wantedChart(object));
      status.selfRemediation(upgradeRemediation(object));
      status.remediated(trueAsText(condition(object, "Remediated"), "Remediated"));
      status.chartSources(chartSources(object));
      status.chartStalled(helmChart.flatMap(chart -> chartStalled(object, chart)));
    }
    if (ref.kind() == FluxKind.KUSTOMIZATION) {
      status.appliedRevision(text(object.get("status", "lastAppliedRevision")));
      status.appliedOriginRevision(text(object.get("status", "lastAppliedOriginRevision")));
      status.attemptedRevision(text(object.get("status", "lastAttemptedRevision")));
      status.source(source(object));
      status.healthCheckingRevision(healthCheckingRevision(condition(object, "Healthy")));
    }
    return status.build();
  }

  private static Optional<String> upgradeRemediation(GenericKubernetesResource helmRelease) {
    return FluxStatus.upgradeRemediation(
        number(helmRelease.get("spec", "upgrade", "remediation", "retries")),
        Boolean.TRUE.equals(
            helmRelease.get("spec", "upgrade", "remediation", "remediateLastFailure")),
        text(helmRelease.get("spec", "upgrade", "remediation", "strategy")));
  }

  /** {@code status.history[0]} as {@code chart@version}. */
  private static Optional<String> lastRelease(GenericKubernetesResource helmRelease) {
    return newestRelease(helmRelease)
        .flatMap(
            newest -> {
              Optional<String> chart = text(newest.get("chartName"));
              Optional<String> version = text(newest.get("chartVersion"));
              return chart.isPresent() && version.isPresent()
                  ? Optional.of(chart.get() + "@" + version.get())
                  : Optional.empty();
            });
  }

  /** {@code status.history[0]}: helm-controller keeps the newest release first. */
  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> newestRelease(
      GenericKubernetesResource helmRelease) {
    Object history = helmRelease.get("status", "history");
    if (!(history instanceof List<?> releases)
        || releases.isEmpty()
        || !(releases.get(0) instanceof Map<?, ?>)) {
      return Optional.empty();
    }
    return Optional.of((Map<String, Object>) releases.get(0));
  }

  /**
   * {@code spec.chart.spec} as {@code chart@version} when its version is one exact version (a range
   * resolves elsewhere).
   */
  private static Optional<String> wantedChart(GenericKubernetesResource helmRelease) {
    Optional<String> chart = text(helmRelease.get("spec", "chart", "spec", "chart"));
    Optional<String> version =
        text(helmRelease.get("spec", "chart", "spec", "version"))
            .filter(v -> SemanticVersion.parse(v).isPresent());
    return chart.isPresent() && version.isPresent()
        ? Optional.of(chart.get() + "@" + version.get().replaceFirst("^v", ""))
        : Optional.empty();
  }

  /**
   * The HelmChart's Stalled condition, when the HelmChart is at the chart and version the
   * HelmRelease names and source-controller has acted on that spec: a stall from an older version
   * says nothing of this one.
   */
  private static Optional<String> chartStalled(
      GenericKubernetesResource helmRelease, GenericKubernetesResource helmChart) {
    boolean sameChart =
        text(helmRelease.get("spec", "chart", "spec", "chart"))
                .equals(text(helmChart.get("spec", "chart")))
            && text(helmRelease.get("spec", "chart", "spec", "version"))
                .equals(text(helmChart.get("spec", "version")));
    boolean actedOn =
        number(helmChart.get("status", "observedGeneration"))
            >= number(helmChart.getMetadata().getGeneration());
    if (!sameChart || !actedOn) {
      return Optional.empty();
    }
    return trueAsText(condition(helmChart, "Stalled"), "Stalled")
        .map(
            stalled ->
                "HelmChart "
                    + helmChart.getMetadata().getNamespace()
                    + "/"
                    + helmChart.getMetadata().getName()
                    + " is Stalled ("
                    + stalled
                    + ")");
  }

  /** kustomize-controller's words while it health-checks a revision it applied. */
  private static final java.util.regex.Pattern HEALTH_CHECKING =
      java.util.regex.Pattern.compile("^Running health checks for revision (\\S+)");

  /** The revision a Healthy=Unknown condition says is being health-checked. */
  private static Optional<String> healthCheckingRevision(Map<String, Object> healthy) {
    if (ConditionStatus.parse((String) healthy.get("status")) != ConditionStatus.UNKNOWN
        || healthy.isEmpty()) {
      return Optional.empty();
    }
    return text(healthy.get("message"))
        .map(HEALTH_CHECKING::matcher)
        .filter(java.util.regex.Matcher::find)
        .map(m -> m.group(1));
  }

  /** A condition that is True as {@code reason: message}; empty otherwise. */
  private static Optional<String> trueAsText(Map<String, Object> condition, String fallbackReason) {
    return ConditionStatus.parse((String) condition.get("status")) == ConditionStatus.TRUE
        ? Optional.of(
            text(condition.get("reason")).orElse(fallbackReason)
                + ": "
                + text(condition.get("message")).orElse(""))
        : Optional.empty();
  }

  /**
   * {@code spec.sourceRef}, its namespace the Kustomization's unless it names one; none of a kind
   * Flux adds later.
   */
  private static Optional<SourceRef> source(GenericKubernetesResource kustomization) {
    return sourceAt(kustomization, "spec", "sourceRef");
  }

  /**
   * A reference ({@code kind}, {@code name}, {@code namespace} defaulting to the object's) at
   * {@code path}.
   */
  private static Optional<SourceRef> sourceAt(GenericKubernetesResource object, Object... path) {
    Optional<SourceKind> kind = text(object.get(append(path, "kind"))).flatMap(SourceKind::of);
    Optional<String> name = text(object.get(append(path, "name")));
    String namespace =
        text(object.get(append(path, "namespace"))).orElse(object.getMetadata().getNamespace());
    return kind.isPresent() && name.isPresent()
        ? Optional.of(SourceRef.of(kind.get(), ObjectRef.of(namespace, name.get())))
        : Optional.empty();
  }

  private static Object[] append(Object[] path, String last) {
    Object[] full = java.util.Arrays.copyOf(path, path.length + 1);
    full[path.length] = last;
    return full;
  }

  /**
   * {@code spec.chartRef}, or {@code spec.chart.spec.sourceRef} and the HelmChart helm-controller
   * names {@code <namespace>-<name>} in that source's namespace.
   */
  static List<SourceRef> chartSources(GenericKubernetesResource helmRelease) {
    Optional<SourceRef> chartRef = sourceAt(helmRelease, "spec", "chartRef");
    if (chartRef.isPresent()) {
      return List.of(chartRef.get());
    }
    return sourceAt(helmRelease, "spec", "chart", "spec", "sourceRef")
        .map(
            source ->
                List.of(
                    source,
                    SourceRef.of(
                        SourceKind.HELM_CHART,
                        ObjectRef.of(
                            source.object().namespace(),
                            helmRelease.getMetadata().getNamespace()
                                + "-"
                                + helmRelease.getMetadata().getName()))))
        .orElse(List.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> condition(GenericKubernetesResource object, String type) {
    Object conditions = object.get("status", "conditions");
    if (!(conditions instanceof List)) {
      return Map.of();
    }
    for (Object condition : (List<Object>) conditions) {
      if (condition instanceof Map && type.equals(((Map<String, Object>) condition).get("type"))) {
        return (Map<String, Object>) condition;
      }
    }
    return Map.of();
  }

  private static Optional<String> text(Object value) {
    return value instanceof String && !((String) value).isBlank()
        ? Optional.of((String) value)
        : Optional.empty();
  }

  private static long number(Object value) {
    return value instanceof Number ? ((Number) value).longValue() : 0;
  }
}
