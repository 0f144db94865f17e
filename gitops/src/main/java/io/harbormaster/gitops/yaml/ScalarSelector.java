package io.harbormaster.gitops.yaml;

import java.util.Objects;

/**
 * Which scalar an edit reads and writes: the one at a dotted path, or those carrying a Flux
 * image-automation setter marker for an ImagePolicy ({@code # {"$imagepolicy":
 * "<ns>:<policy>:tag"}}).
 */
public final class ScalarSelector {
  private final String path;
  private final String imagePolicy;

  private ScalarSelector(String path, String imagePolicy) {
    this.path = path;
    this.imagePolicy = imagePolicy;
  }

  public static ScalarSelector path(String path) {
    return new ScalarSelector(Objects.requireNonNull(path, "path"), null);
  }

  /** {@code policy} is {@code <namespace>:<name>}, as written in the marker before any suffix. */
  public static ScalarSelector imagePolicy(String policy) {
    return new ScalarSelector(null, Objects.requireNonNull(policy, "policy"));
  }

  String pathText() {
    return path;
  }

  boolean isImagePolicy() {
    return imagePolicy != null;
  }

  String imagePolicyName() {
    return imagePolicy;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScalarSelector that
        && Objects.equals(path, that.path)
        && Objects.equals(imagePolicy, that.imagePolicy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, imagePolicy);
  }

  /**
   * {@code path 'spec.chart.spec.version'} or {@code the setter marker of image policy 'ns:app'}.
   */
  @Override
  public String toString() {
    return path != null
        ? "path '" + path + "'"
        : "the setter marker of image policy '" + imagePolicy + "'";
  }
}
