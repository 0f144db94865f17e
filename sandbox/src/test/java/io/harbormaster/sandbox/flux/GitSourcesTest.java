package io.harbormaster.sandbox.flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourcesTest {
  @TempDir Path temp;

  @Test
  void fetchesTheTipOfTheBranchWithItsYamlFiles() {
    try (GitFixture git = new GitFixture(temp);
        GitSources sources = new GitSources()) {
      git.write("apps/a.yaml", "a: 1\n").write("README.md", "no yaml\n").commitAndPush("one");
      String second = git.write("apps/b.yml", "b: 2\n").commitAndPush("two");

      SourceArtifact artifact = sources.fetch(git.url(), "main");

      assertThat(artifact.revision()).isEqualTo("main@sha1:" + second);
      assertThat(artifact.files())
          .containsOnlyKeys("apps/a.yaml", "apps/b.yml")
          .containsEntry("apps/b.yml", "b: 2\n");
    }
  }

  @Test
  void aMissingBranchIsASourceErrorNamingIt() {
    try (GitFixture git = new GitFixture(temp);
        GitSources sources = new GitSources()) {
      git.write("a.yaml", "a: 1\n").commitAndPush("one");

      assertThatThrownBy(() -> sources.fetch(git.url(), "release"))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("failed to fetch branch 'release' of " + git.url());
    }
  }

  @Test
  void messagesNeverHoldTheUrlsCredentials() {
    String url = "https://bot:p%40ss-token@git.example/fleet.git";

    assertThat(GitSources.redacted(url)).isEqualTo("https://git.example/fleet.git");
    assertThat(GitSources.scrub("cannot open " + url + " as bot with p@ss-token", url))
        .doesNotContain("p@ss-token")
        .doesNotContain("p%40ss-token")
        .doesNotContain("bot");
  }
}
