package io.harbormaster.core.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ObjectRef;
import java.util.Set;
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
    assertThat(TagExclusion.decide(semver("^1.0.0"), Set.of("1.6.6")))
        .isEqualTo(new TagExclusion.Release.Narrow("^1.0.0", "^1.0.0, !=1.6.6"));
    assertThat(TagExclusion.decide(semver(">=1.0.0 <2.0.0 || ~3.1"), Set.of("1.6.6")))
        .isEqualTo(
            new TagExclusion.Release.Narrow(
                ">=1.0.0 <2.0.0 || ~3.1", ">=1.0.0 <2.0.0, !=1.6.6 || ~3.1, !=1.6.6"));
  }

  @Test
  void aRangeThatAlreadyLeavesTheTagOutResumesOnceThePolicyHasPickedAnotherTag() {
    ImagePolicyChoice narrowed =
        ImagePolicyChoice.builder()
            .ref(POLICY)
            .semverRange("^1.0.0, !=1.6.6")
            .latestTag("1.6.6")
            .settled(false)
            .build();

    assertThat(TagExclusion.decide(narrowed, Set.of("1.6.6")))
        .as("image-reflector has not picked since the range changed")
        .isInstanceOf(TagExclusion.Release.AwaitPolicy.class);
    assertThat(
            TagExclusion.decide(
                ImagePolicyChoice.builder().from(narrowed).settled(true).latestTag("1.5.0").build(),
                Set.of("1.6.6")))
        .isEqualTo(new TagExclusion.Release.Resume());
    assertThat(TagExclusion.decide(semver("^1.0.0, !=1.6.6 || ~3.1"), Set.of("1.6.6")))
        .as("one group still lets it in")
        .isInstanceOf(TagExclusion.Release.Narrow.class);
  }

  @Test
  void everyUndoneTagThatReadsAsAVersionIsLeftOutAndOthersCannotBePickedAnyway() {
    assertThat(TagExclusion.decide(semver("^1.0.0"), Set.of("main-4f2a9c1")))
        .isEqualTo(new TagExclusion.Release.Resume());
    assertThat(TagExclusion.decide(semver(">=1.0"), Set.of("1.6", "v1.7.0-rc.1")))
        .isInstanceOfSatisfying(
            TagExclusion.Release.Narrow.class,
            narrow ->
                assertThat(narrow.narrowed())
                    .contains("!=1.6")
                    .contains("!=v1.7.0-rc.1")
                    .startsWith(">=1.0, !="));
  }

  @Test
  void aPolicyAKustomizationAppliesIsNeverChangedInTheClusterTheLineSaysWhatToWriteInGit() {
    ImagePolicyChoice applied =
        ImagePolicyChoice.builder()
            .from(semver("^1.0.0"))
            .appliedBy(ObjectRef.of("flux-system", "image-policies"))
            .build();

    assertThat(TagExclusion.decide(applied, Set.of("1.6.6")))
        .isInstanceOfSatisfying(
            TagExclusion.Release.Refuse.class,
            refuse ->
                assertThat(refuse.why())
                    .isEqualTo(
                        "ImagePolicy flux-system/web is applied by Kustomization"
                            + " flux-system/image-policies, which would put its range back: set"
                            + " spec.policy.semver.range to '^1.0.0, !=1.6.6' in git, then resume"
                            + " again"));
  }

  @Test
  void anOrderedPolicyIsRefusedWhileItPicksTheUndoneTagAndResumedWhenItPicksAnother() {
    assertThat(TagExclusion.decide(ordered("1.6.6"), Set.of("1.6.6")))
        .isInstanceOfSatisfying(
            TagExclusion.Release.Refuse.class,
            refuse ->
                assertThat(refuse.why())
                    .contains("ImagePolicy flux-system/web picks 1.6.6, a tag a rollback undid")
                    .contains("spec.filterTags"));
    assertThat(TagExclusion.decide(ordered("1.7.0"), Set.of("1.6.6")))
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
    assertThat(
            TagExclusion.decide(
                ImagePolicyChoice.builder().from(semver(narrowed)).latestTag("0.9.0").build(),
                Set.of(tag)))
        .isEqualTo(new TagExclusion.Release.Resume());
  }
}
