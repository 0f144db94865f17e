package io.harbormaster.sandbox.imageautomation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.sandbox.git.BareRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCheckoutTest {
  @TempDir Path temp;

  @Test
  void aPushOnATipThatMovedSinceTheCloneIsRefusedAsNonFastForwardAndForcedOnlyWhenAsked() {
    try (BareRepository remote = BareRepository.create(temp.resolve("fleet.git"))) {
      remote.commit("main", Map.of("a.yaml", "a: 1\n"), "start");
      String url = temp.resolve("fleet.git").toString();
      try (GitCheckout clone = GitCheckout.clone(url)) {
        ObjectId base = clone.tip("main").orElseThrow();
        ObjectId ours =
            clone.commit(
                base,
                Map.of("a.yaml", "a: 2\n"),
                GitCheckout.author("Flux", "flux@example.com", Instant.now()),
                "ours");
        ObjectId theirs = remote.commit("main", Map.of("b.yaml", "b: 1\n"), "theirs");

        assertThatThrownBy(() -> clone.push(ours, "main", false))
            .isInstanceOf(GitCheckout.GitFailure.class)
            .hasMessage("non-fast-forward update: refs/heads/main");
        assertThat(remote.tip("main")).isEqualTo(theirs);

        clone.push(ours, "image-updates", true);
        assertThat(remote.tip("image-updates")).isEqualTo(ours);
      }
    }
  }

  @Test
  void aMissingRemoteIsACloneFailureWithoutTheUrlsCredentials() {
    assertThatThrownBy(() -> GitCheckout.clone("http://bot:s3cret@127.0.0.1:1/fleet.git"))
        .isInstanceOf(GitCheckout.GitFailure.class)
        .hasMessageStartingWith("unable to clone 'http://127.0.0.1:1/fleet.git': ")
        .message()
        .doesNotContain("s3cret");
  }
}
