package io.harbormaster.sandbox.flux.chart;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The charts the simulated Flux can install, by name: the sandbox's stand-in for Helm repositories.
 */
public final class ChartCatalogue {
  private final Map<String, Chart> charts;

  private ChartCatalogue(Map<String, Chart> charts) {
    this.charts = charts;
  }

  /**
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
    return new ChartCatalogue(byName);
  }

  /** The sandbox's charts: {@link PostgresChart}. */
  public static ChartCatalogue standard() {
    return of(PostgresChart.standard());
  }

  public Optional<Chart> chart(String name) {
    return Optional.ofNullable(charts.get(name));
  }

  public Set<String> names() {
    return charts.keySet();
  }
}
