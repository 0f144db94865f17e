package io.harbormaster.core.model;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * The version an upgrade moves to: {@code version} (a chart version, or whatever the app's version
 * path holds) and/or image tags by image name.
 */
@Value.Immutable
public abstract class TargetVersion {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}");

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
    tagProblem(value)
        .ifPresent(
            problem -> {
              throw new InvalidSpecException(field, "'" + value + "' " + problem);
            });
  }

  /**
   * What is wrong with {@code value} as a version or image tag, if anything. A tag is what a
   * registry accepts (and '+' of semantic versions); the same rule keeps line breaks and quotes out
   * of the YAML edit.
   */
  public static Optional<String> tagProblem(String value) {
    return value != null && TAG.matcher(value).matches()
        ? Optional.empty()
        : Optional.of(
            "is not a valid version or tag: use letters, digits, '_', '.', '+' and '-', not starting"
                + " with '.', '+' or '-', at most 128 characters");
  }
}
