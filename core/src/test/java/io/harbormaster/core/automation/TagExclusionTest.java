package io.harbormaster.core.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ObjectRef;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TagExclusionTest {
  private static final ObjectRef POLICY = ObjectRef.of("flux-system", "web");

  private static ImagePolicyChoice semver(String range) {
    return ImagePolicyChoice.builder().ref(POLICY).semverRange(range).latestTag("1.6.6").build();
  }

  private static ImagePolicyChoice ordered(String latest) {
    return ImagePolicyChoice.builder().ref(POLICY).latestTag(latest).build();
  }

  @Test
  void aSemverRangeLeavesTheUndoneTagOutOfEachOfItsGroups() {
    assertThat(TagExclusion.decide(semver("^1.0.0"), "1.6.6"))
        .isEqualTo(new TagExclusion.Release.Narrow("^1.0.0", "^1.0.0, !=1.6.6"));
    assertThat(TagExclusion.decide(semver(">=1.0.0 <2.0.0 || ~3.1"), "1.6.6"))
        .isEqualTo(
            new TagExclusion.Release.Narrow(
                ">=1.0.0 <2.0.0 || ~3.1", ">=1.0.0 <2.0.0, !=1.6.6 || ~3.1, !=1.6.6"));
  }

  @Test
  void aRangeThatAlreadyLeavesTheTagOutIsResumedAsItIs() {
    assertThat(TagExclusion.decide(semver("^1.0.0, !=1.6.6"), "1.6.6"))
        .isEqualTo(new TagExclusion.Release.Resume());
    assertThat(TagExclusion.decide(semver("^1.0.0, !=1.6.6 || ~3.1"), "1.6.6"))
        .as("one group still lets it in")
        .isInstanceOf(TagExclusion.Release.Narrow.class);
  }

  @Test
  void aTagThatIsNoVersionCannotBePickedByASemverPolicy() {
    assertThat(TagExclusion.decide(semver("^1.0.0"), "main-4f2a9c1"))
        .isEqualTo(new TagExclusion.Release.Resume());
  }

  @Test
  void anOrderedPolicyIsRefusedWhileItPicksTheUndoneTagAndResumedWhenItPicksAnother() {
    assertThat(TagExclusion.decide(ordered("1.6.6"), "1.6.6"))
        .isInstanceOfSatisfying(
            TagExclusion.Release.Refuse.class,
            refuse ->
                assertThat(refuse.why())
                    .contains("ImagePolicy flux-system/web picks 1.6.6")
                    .contains("spec.filterTags"));
    assertThat(TagExclusion.decide(ordered("1.7.0"), "1.6.6"))
        .isEqualTo(new TagExclusion.Release.Resume());
  }

  @Property
  void aNarrowedRangeExcludesTheTagAndNarrowingItAgainChangesNothing(
      @ForAll @IntRange(min = 0, max = 3) int groups,
      @ForAll @IntRange(min = 0, max = 20) int minor) {
    String range = "^1.0.0" + " || ~2.1".repeat(groups);
    String tag = "1." + minor + ".0";

    String narrowed = TagExclusion.narrowed(range, tag);

    assertThat(TagExclusion.excludes(narrowed, tag)).isTrue();
    assertThat(TagExclusion.decide(semver(narrowed), tag))
        .isEqualTo(new TagExclusion.Release.Resume());
  }
}
