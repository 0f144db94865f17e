package io.harbormaster.core.port;

import org.immutables.value.Value;

/** One scalar in a git-tracked YAML file, from one value to another. */
@Value.Immutable
public abstract class ValueChange {
  /** Dotted path with {@code [key=value]} selectors, e.g. {@code spec.chart.spec.version}. */
  @Value.Parameter
  public abstract String path();

  @Value.Parameter
  public abstract String from();

  @Value.Parameter
  public abstract String to();

  public static ValueChange of(String path, String from, String to) {
    return ImmutableValueChange.of(path, from, to);
  }

  @Override
  public String toString() {
    return path() + ": " + from() + " -> " + to();
  }
}
