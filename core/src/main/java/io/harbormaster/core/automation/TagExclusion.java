package io.harbormaster.core.automation;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How an ImagePolicy is kept from picking the tags rollbacks undid, before the automations that
 * write them are resumed. A semver range is narrowed: {@code != <tag>} joins each of its {@code ||}
 * groups (Masterminds' syntax, which Flux uses: a comma joins comparisons that must all hold). An
 * alphabetical or numerical order cannot be narrowed without rewriting the user's {@code
 * filterTags} expression: such a policy is left as it is when it picks another tag, and the release
 * is refused while it picks an undone one. A policy a Flux Kustomization applies is never changed
 * in the cluster (the Kustomization would put it back): its range must leave the tags out in git.
 * The automations resume only once the policy has picked since its last change, and picked none of
 * the tags.
 */
public final class TagExclusion {
  /**
   * What Masterminds reads as a version ({@code v}, one to three numbers, pre-release and build):
   * only such a tag can be named in a range without making the range invalid.
   */
  private static final Pattern VERSION =
      Pattern.compile("v?\\d+(\\.\\d+){0,2}(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

  private TagExclusion() {}

  /** What to do to {@code policy} before resuming; {@code undone} are the tags rollbacks undid. */
  public static Release decide(ImagePolicyChoice policy, Set<String> undone) {
    if (policy.semverRange().isPresent()) {
      String range = policy.semverRange().get();
      Set<String> versions =
          undone.stream().filter(tag -> VERSION.matcher(tag).matches()).collect(Collectors.toSet());
      String narrowed = range;
      for (String tag : versions) {
        if (!excludes(narrowed, tag)) {
          narrowed = narrowed(narrowed, tag);
        }
      }
      if (!narrowed.equals(range)) {
        return policy.appliedBy().isPresent()
            ? new Release.Refuse(
                "ImagePolicy "
                    + policy.ref()
                    + " is applied by Kustomization "
                    + policy.appliedBy().get()
                    + ", which would put its range back: set spec.policy.semver.range to '"
                    + narrowed
                    + "' in git, then resume again")
            : new Release.Narrow(range, narrowed);
      }
    } else if (policy.latestTag().filter(undone::contains).isPresent()) {
      return new Release.Refuse(
          "ImagePolicy "
              + policy.ref()
              + " picks "
              + policy.latestTag().get()
              + ", a tag a rollback undid, by an order Harbormaster cannot narrow: leave it out"
              + " with the policy's spec.filterTags, then resume again");
    }
    if (!policy.settled() || policy.latestTag().filter(undone::contains).isPresent()) {
      return new Release.AwaitPolicy(
          "ImagePolicy "
              + policy.ref()
              + " has not picked again since its range changed: the automations resume once it"
              + " has, and picked none of "
              + String.join(", ", undone));
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
    /** Set the policy's semver range from {@code range} to {@code narrowed}; resume later. */
    record Narrow(String range, String narrowed) implements Release {}

    /** Wait for the policy to pick again; resume later. */
    record AwaitPolicy(String why) implements Release {}

    /** Resume now: the policy cannot pick an undone tag. */
    record Resume() implements Release {}

    /** Leave them suspended, for {@code why}. */
    record Refuse(String why) implements Release {}
  }
}
