package io.harbormaster.operator.bench;

import java.util.List;

/** Nearest-rank percentiles of a few samples (a benchmark's runs). */
public final class Percentiles {
  private Percentiles() {}

  public static double median(List<Double> samples) {
    return of(samples, 50);
  }

  public static double p90(List<Double> samples) {
    return of(samples, 90);
  }

  /** The smallest sample with at least {@code percent} of the samples at or below it. */
  public static double of(List<Double> samples, int percent) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples for p" + percent);
    }
    List<Double> sorted = samples.stream().sorted().toList();
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }
}
