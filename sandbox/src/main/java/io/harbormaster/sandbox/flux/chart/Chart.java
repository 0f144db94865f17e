package io.harbormaster.sandbox.flux.chart;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/** A Helm chart the simulated helm-controller can install: its versions and a renderer in Java. */
public interface Chart {
  /** {@code spec.chart.spec.chart} of a HelmRelease that installs it. */
  String name();

  /** Every version of the chart, each with the {@code appVersion} it packages. */
  Map<String, String> versions();

  /**
   * The chart's objects for one release, as {@code helm template} would print them.
   *
   * @param values the HelmRelease's {@code spec.values}, possibly empty
   * @throws IllegalArgumentException naming the value that cannot be used, as a template error
   *     would
   */
  List<HasMetadata> render(
      String releaseName, String namespace, String version, Map<String, Object> values);
}
