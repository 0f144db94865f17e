package io.harbormaster.core.model;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The version an upgrade moves to: {@code version} (a chart version, or whatever the app's version
 * path holds) and/or image tags by image name.
 */
@Value.Immutable
public abstract class TargetVersion {
  public abstract Optional<String> version();

  public abstract Map<String, String> imageTags();

  public static ImmutableTargetVersion.Builder builder() {
    return ImmutableTargetVersion.builder();
  }

  public static TargetVersion of(String version) {
    return builder().version(version).build();
  }

  @Value.Check
  protected void check() {
    InvalidSpecException.require(
        version().isPresent() || !imageTags().isEmpty(),
        "spec.target",
        "names neither a version nor an image tag: give one, or leave target out to follow spec.autoUpdate");
    version().ifPresent(v -> requireTag("spec.target.version", v));
    imageTags().forEach((image, tag) -> requireTag("spec.target.imageTags[" + image + "]", tag));
  }

  private static void requireTag(String field, String value) {
    // A tag is what a registry accepts; the same rule keeps line breaks and quotes out of the YAML
    // edit.
    InvalidSpecException.require(
        value.matches("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}"),
        field,
        "'"
            + value
            + "' is not a valid version or tag (letters, digits, '_', '.', '+', '-'; at most 128)");
  }
}
