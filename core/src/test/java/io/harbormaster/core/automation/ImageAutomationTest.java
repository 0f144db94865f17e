package io.harbormaster.core.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RepositoryUrl;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageAutomationTest {
  private static final ObjectRef FLEET = ObjectRef.of("flux-system", "fleet");

  /** The web app's file, the version on a line marked for ImagePolicy flux-system:web. */
  private static final GitLocation WEB =
      GitLocation.builder()
          .repository("https://git.example/fleet.git")
          .branch("main")
          .filePath("apps/web/kustomization.yaml")
          .versionPath("images[name=web].newTag")
          .imagePolicy("flux-system:web")
          .build();

  /**
   * An automation of flux-system on the fleet, checking out and pushing to main, over apps, to
   * change before it is built.
   */
  private static ImmutableImageAutomation.Builder automation() {
    return ImageAutomation.builder()
        .ref(ObjectRef.of("flux-system", "web-images"))
        .source(FLEET)
        .repository(RepositoryUrl.parse("ssh://git@git.example/fleet"))
        .checkoutBranch("main")
        .sourceBranch("main")
        .updatePath("./apps");
  }

  @Test
  void anAutomationOverTheFilesFolderOnItsRepositoryAndBranchWritesIt() {
    assertThat(automation().build().writes(WEB)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "https://git.example/fleet.git",
    "http://git.example/fleet/",
    "git@git.example:fleet.git",
    "HTTPS://GIT.EXAMPLE/FLEET",
  })
  void theRepositoryIsTheSameHoweverItsUrlIsWritten(String url) {
    assertThat(automation().repository(RepositoryUrl.parse(url)).build().writes(WEB)).isTrue();
  }

  @Test
  void anAutomationOfAnotherRepositoryDoesNotWriteIt() {
    assertThat(
            automation()
                .repository(RepositoryUrl.parse("https://git.example/other.git"))
                .build()
                .writes(WEB))
        .isFalse();
    assertThat(
            automation()
                .repository(RepositoryUrl.parse("https://git.elsewhere/fleet.git"))
                .build()
                .writes(WEB))
        .isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "./apps/web,                   true",
    "apps/web/,                    true",
    "apps/web/kustomization.yaml,  true",
    "'.',                          true",
    "./,                           true",
    "./apps/db,                    false",
    "./app,                        false",
    "./apps/web/base,              false",
  })
  void theUpdatePathMustCoverTheFile(String updatePath, boolean writes) {
    assertThat(automation().updatePath(updatePath).build().writes(WEB)).isEqualTo(writes);
  }

  @Test
  void withoutAnUpdatePathItRewritesTheWholeRepository() {
    ImageAutomation atTheRoot =
        ImageAutomation.builder()
            .ref(ObjectRef.of("flux-system", "everything"))
            .source(FLEET)
            .repository(RepositoryUrl.parse("https://git.example/fleet.git"))
            .sourceBranch("main")
            .build();

    assertThat(atTheRoot.updatePath()).isEqualTo(".");
    assertThat(atTheRoot.writes(WEB)).isTrue();
  }

  @Test
  void itPushesToItsPushBranchElseTheBranchItChecksOutElseTheGitRepositorysBranch() {
    assertThat(
            automation()
                .pushBranch("auto")
                .checkoutBranch("main")
                .sourceBranch("dev")
                .build()
                .branch())
        .contains("auto");
    assertThat(
            automation()
                .pushBranch(Optional.empty())
                .checkoutBranch("main")
                .sourceBranch("dev")
                .build()
                .branch())
        .contains("main");
    assertThat(
            automation()
                .pushBranch(Optional.empty())
                .checkoutBranch(Optional.empty())
                .sourceBranch("dev")
                .build()
                .branch())
        .contains("dev");
    assertThat(
            automation()
                .pushBranch(Optional.empty())
                .checkoutBranch(Optional.empty())
                .sourceBranch(Optional.empty())
                .build()
                .branch())
        .isEmpty();
  }

  @Test
  void anAutomationThatPushesToAnotherBranchDoesNotWriteTheAppsBranch() {
    assertThat(automation().pushBranch("image-updates").build().writes(WEB)).isFalse();
    assertThat(
            automation()
                .checkoutBranch(Optional.empty())
                .sourceBranch("staging")
                .build()
                .writes(WEB))
        .isFalse();
  }

  @Test
  void anAutomationThatPushesToTheAppsBranchFromAnotherWritesIt() {
    assertThat(
            automation()
                .checkoutBranch("staging")
                .sourceBranch("staging")
                .pushBranch("main")
                .build()
                .writes(WEB))
        .isTrue();
  }

  @Test
  void anAutomationWithNoBranchToPushToWritesNothing() {
    assertThat(
            automation()
                .checkoutBranch(Optional.empty())
                .sourceBranch(Optional.empty())
                .build()
                .writes(WEB))
        .isFalse();
  }

  @Test
  void anAutomationOfAnotherNamespaceThanTheAppsImagePolicyCannotUseIt() {
    ImageAutomation inApps = automation().ref(ObjectRef.of("apps", "web-images")).build();
    ImageAutomation prefixed = automation().ref(ObjectRef.of("flux", "web-images")).build();

    assertThat(inApps.writes(WEB)).isFalse();
    assertThat(prefixed.writes(WEB)).as("flux is not flux-system").isFalse();
    assertThat(inApps.writes(GitLocation.builder().from(WEB).imagePolicy("apps:web").build()))
        .isTrue();
  }

  @Test
  void withoutAnImagePolicyEveryAutomationOverTheFileMayWriteIt() {
    GitLocation unmarked = GitLocation.builder().from(WEB).imagePolicy(Optional.empty()).build();

    assertThat(automation().ref(ObjectRef.of("apps", "web-images")).build().writes(unmarked))
        .isTrue();
  }

  @Test
  void aSuspendedAutomationStillWritesTheFileOnceResumed() {
    ImageAutomation suspended = automation().suspended(true).build();

    assertThat(suspended.suspended()).isTrue();
    assertThat(suspended.writes(WEB)).isTrue();
    assertThat(automation().build().suspended()).isFalse();
  }

  @Test
  void aSearchKeepsTheWritersByNamespaceAndNameBesideWhatItSkipped() {
    ImageAutomation second = automation().ref(ObjectRef.of("flux-system", "z-images")).build();
    ImageAutomation first = automation().ref(ObjectRef.of("flux-system", "a-images")).build();
    ImageAutomation elsewhere = automation().updatePath("./infra").build();
    String skipped = "ImageUpdateAutomation flux-system/broken: its GitRepository does not exist";

    ImageAutomationSearch search =
        ImageAutomationSearch.of(WEB, List.of(second, elsewhere, first), List.of(skipped));

    assertThat(search.writers()).containsExactly(first, second);
    assertThat(search.writerNames())
        .containsExactly("flux-system/a-images", "flux-system/z-images");
    assertThat(search.skipped()).containsExactly(skipped);
    assertThat(ImageAutomationSearch.none().writers()).isEmpty();
    assertThat(ImageAutomationSearch.none().skipped()).isEmpty();
  }
}
