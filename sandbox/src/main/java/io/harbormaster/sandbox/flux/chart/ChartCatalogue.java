package io.harbormaster.sandbox.flux.chart;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The charts the simulated Flux can install, by name, and the versions of each published to the
 * sandbox's Helm repository ({@code io.harbormaster.sandbox.chartserver.ChartServer} serves them as
 * an {@code index.yaml}). A version is in the repository's index once published; a HelmRepository
 * sees it only after its next fetch, as on a real cluster.
 */
public final class ChartCatalogue {
  /**
   * One chart version in the repository: what {@code helm repo index} lists for it.
   *
   * @param created when it was published, as an index's {@code created}
   */
  public record Published(String chart, String version, String appVersion, Instant created) {}

  private final Map<String, Chart> charts;
  private final Clock clock;
  private final Map<String, Map<String, Instant>> published = new ConcurrentHashMap<>();
  private volatile Instant lastChange;

  private ChartCatalogue(Map<String, Chart> charts, Clock clock) {
    this.charts = charts;
    this.clock = clock;
    this.lastChange = now();
    charts.forEach((name, chart) -> published.put(name, new ConcurrentHashMap<>()));
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
    ChartCatalogue catalogue = new ChartCatalogue(byName, Clock.systemUTC());
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

  /**
   * Puts a version of a chart into the repository's index, as {@code helm repo index} run after
   * uploading its archive does; publishing it again changes nothing.
   */
  public synchronized void publish(String chart, String version) {
    if (!charts.containsKey(chart) || !charts.get(chart).versions().containsKey(version)) {
      throw new IllegalArgumentException(
          "chart " + chart + " has no version " + version + " to publish");
    }
    if (published.get(chart).putIfAbsent(version, now()) == null) {
      lastChange = now();
    }
  }

  /**
   * Takes a version out of the repository's index, as a maintainer does with a release found bad
   * after it was published; withdrawing one not listed changes nothing.
   */
  public synchronized void withdraw(String chart, String version) {
    Map<String, Instant> versions = published.get(chart);
    if (versions != null && versions.remove(version) != null) {
      lastChange = now();
    }
  }

  /** Every version published now, in no particular order. */
  public synchronized List<Published> published() {
    List<Published> all = new ArrayList<>();
    published.forEach(
        (chart, versions) ->
            versions.forEach(
                (version, created) ->
                    all.add(
                        new Published(
                            chart, version, charts.get(chart).versions().get(version), created))));
    return all;
  }

  /**
   * When the index last changed (the catalogue made, a version published): an index's {@code
   * generated}, so the same versions give the same index bytes.
   */
  public Instant lastChange() {
    return lastChange;
  }

  public Optional<Chart> chart(String name) {
    return Optional.ofNullable(charts.get(name));
  }

  public Set<String> names() {
    return charts.keySet();
  }

  /** In whole seconds, as an index file written by Helm usually has them. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
