package io.harbormaster.sandbox.flux.chart;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The charts the simulated Flux can install, by name: the sandbox's stand-in for a Helm repository.
 * A version is in the repository's index once published; a HelmRepository sees it only after its
 * next fetch, as on a real cluster.
 */
public final class ChartCatalogue {
  private final Map<String, Chart> charts;
  private final Map<String, Set<String>> published = new ConcurrentHashMap<>();

  private ChartCatalogue(Map<String, Chart> charts) {
    this.charts = charts;
    charts.forEach((name, chart) -> published.put(name, ConcurrentHashMap.newKeySet()));
  }

  /**
   * Every version of these charts published.
   *
   * @throws IllegalArgumentException when two charts share a name
   */
  public static ChartCatalogue of(Chart... charts) {
    Map<String, Chart> byName = new TreeMap<>();
    for (Chart chart : charts) {
      if (byName.put(chart.name(), chart) != null) {
        throw new IllegalArgumentException(
            "two charts are named '" + chart.name() + "': chart names must be unique");
      }
    }
    ChartCatalogue catalogue = new ChartCatalogue(byName);
    byName
        .values()
        .forEach(
            chart ->
                chart
                    .versions()
                    .keySet()
                    .forEach(version -> catalogue.publish(chart.name(), version)));
    return catalogue;
  }

  /**
   * The sandbox's charts: {@link PostgresChart}, every version published but {@link
   * PostgresChart#UNPUBLISHED_VERSION}, which a test publishes when it wants a release that came
   * out after the repository's last fetch.
   */
  public static ChartCatalogue standard() {
    ChartCatalogue catalogue = of(PostgresChart.standard());
    catalogue.published.get(PostgresChart.NAME).remove(PostgresChart.UNPUBLISHED_VERSION);
    return catalogue;
  }

  /** Puts a version of a chart into the repository's index. */
  public void publish(String chart, String version) {
    if (!charts.containsKey(chart) || !charts.get(chart).versions().containsKey(version)) {
      throw new IllegalArgumentException(
          "chart " + chart + " has no version " + version + " to publish");
    }
    published.get(chart).add(version);
  }

  /** The repository's index now: each chart's published versions. */
  public Map<String, Set<String>> index() {
    Map<String, Set<String>> index = new TreeMap<>();
    published.forEach((chart, versions) -> index.put(chart, new TreeSet<>(versions)));
    return index;
  }

  public Optional<Chart> chart(String name) {
    return Optional.ofNullable(charts.get(name));
  }

  public Set<String> names() {
    return charts.keySet();
  }
}
