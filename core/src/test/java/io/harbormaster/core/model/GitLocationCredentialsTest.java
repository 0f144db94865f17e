package io.harbormaster.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a ManagedApp's git credentials may go, checked when its location is built, before any
 * connection.
 */
class GitLocationCredentialsTest {
  private static ImmutableGitLocation.Builder git(String repository) {
    return GitLocation.builder()
        .repository(repository)
        .filePath("apps/db.yaml")
        .versionPath("spec.chart.spec.version");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/fleet.git",
        "git://git.example.com/fleet.git",
        "/srv/git/fleet.git"
      })
  void credentialsAreNotSentUnencrypted(String repository) {
    assertThatThrownBy(() -> git(repository).credentialsSecret("fleet-git").build())
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith("spec.git.repository: is a ")
        .hasMessageContaining("spec.git.credentialsSecret")
        .hasMessageEndingWith("use the repository's https:// or ssh:// URL");
    assertThat(git(repository).build().credentialsSecret())
        .as("anonymous access stays allowed")
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://git.example.com/fleet.git",
        "ssh://git@git.example.com/fleet.git",
        "git@github.com:acme/fleet.git"
      })
  void credentialsGoOverHttpsAndSsh(String repository) {
    assertThat(git(repository).credentialsSecret("fleet-git").build().url().encrypted()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://bot:ghp_inTheUrl0@git.example.com/fleet.git",
        "https://ghp_inTheUrl0@git.example.com/fleet.git",
        "http://ghp_inTheUrl0:x-oauth-basic@git.example.com/fleet.git"
      })
  void aTokenInTheUrlIsRefusedWithoutQuotingIt(String repository) {
    assertThatThrownBy(() -> git(repository).build())
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "spec.git.repository: holds credentials before '@': remove them from the URL and put the token in a "
                + "Secret named by spec.git.credentialsSecret")
        .satisfies(
            e -> assertThat(((InvalidSpecException) e).field()).isEqualTo("spec.git.repository"));
  }

  @Test
  void anSshPasswordInTheUrlIsRefusedButTheUserNameIsNeeded() {
    assertThatThrownBy(() -> git("ssh://deploy:hunter2@git.example.com/fleet.git").build())
        .hasMessageContaining("holds a password before '@'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    assertThat(
            git("ssh://deploy@git.example.com/fleet.git")
                .credentialsSecret("key")
                .build()
                .url()
                .host())
        .isEqualTo("git.example.com");
  }
}
