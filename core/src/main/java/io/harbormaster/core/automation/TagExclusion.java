package io.harbormaster.core.automation;

import io.harbormaster.core.version.SemanticVersion;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an ImagePolicy is kept from picking a tag a rollback undid, before the automations that write
 * it are resumed. A semver range is narrowed: {@code != <tag>} joins each of its {@code ||} groups
 * (Masterminds' syntax, which Flux uses: a comma joins comparisons that must all hold). An
 * alphabetical or numerical order cannot be narrowed by Harbormaster without rewriting the user's
 * {@code filterTags} expression: such a policy is left as it is when it picks another tag, and the
 * resume is refused while it picks the undone one.
 */
public final class TagExclusion {
  private TagExclusion() {}

  /** What to do to {@code policy} before resuming; {@code undone} is the tag the rollback undid. */
  public static Release decide(ImagePolicyChoice policy, String undone) {
    if (policy.semverRange().isPresent()) {
      String range = policy.semverRange().get();
      if (SemanticVersion.parse(undone).isEmpty() || excludes(range, undone)) {
        // A semver policy never picks a tag that is not a version, nor one its range leaves out.
        return new Release.Resume();
      }
      return new Release.Narrow(range, narrowed(range, undone));
    }
    if (policy.latestTag().equals(Optional.of(undone))) {
      return new Release.Refuse(
          "ImagePolicy "
              + policy.ref()
              + " picks "
              + undone
              + ", the tag the rollback undid, by an order Harbormaster cannot narrow: leave it out"
              + " with the policy's spec.filterTags, then resume again");
    }
    return new Release.Resume();
  }

  /** {@code range} with {@code != tag} in each of its {@code ||} groups. */
  static String narrowed(String range, String tag) {
    return Arrays.stream(range.split("\\|\\|"))
        .map(String::trim)
        .map(group -> group + ", !=" + tag)
        .collect(Collectors.joining(" || "));
  }

  /** Whether every group of {@code range} already says {@code != tag}. */
  static boolean excludes(String range, String tag) {
    return Arrays.stream(range.split("\\|\\|"))
        .map(group -> group.replace(" ", ""))
        .allMatch(group -> Arrays.asList(group.split(",")).contains("!=" + tag));
  }

  /** What releasing the automations takes. */
  public sealed interface Release {
    /** Set the policy's semver range from {@code range} to {@code narrowed}, then resume. */
    record Narrow(String range, String narrowed) implements Release {}

    /** Resume: the policy cannot pick the undone tag. */
    record Resume() implements Release {}

    /** Leave them suspended, for {@code why}. */
    record Refuse(String why) implements Release {}
  }
}
