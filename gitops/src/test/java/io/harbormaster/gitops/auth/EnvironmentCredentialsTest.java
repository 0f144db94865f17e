package io.harbormaster.gitops.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.gitops.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentCredentialsTest {
  private static final GitLocation LOCATION =
      GitLocation.builder()
          .repository("https://git.example/fleet.git")
          .filePath("apps/db.yaml")
          .versionPath("spec.version")
          .build();

  @TempDir Path dir;

  private Optional<GitCredentials> credentials(Map<String, String> env) {
    return new EnvironmentCredentials(env).credentialsFor(LOCATION);
  }

  @Test
  void nothingSetIsAnonymous() {
    assertThat(credentials(Map.of())).isEmpty();
  }

  @Test
  void aTokenFileWinsOverTheVariableAndLosesItsNewline() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "from-file\n");

    GitCredentials https =
        credentials(
                Map.of(
                    "HM_GIT_TOKEN_FILE",
                    file.toString(),
                    "HM_GIT_TOKEN",
                    "from-env",
                    "HM_GIT_USERNAME",
                    "oauth2"))
            .orElseThrow();

    assertThat(https)
        .isInstanceOfSatisfying(
            HttpsToken.class,
            token -> {
              assertThat(token.token()).isEqualTo("from-file");
              assertThat(token.username()).isEqualTo("oauth2");
            });
    assertThat(credentials(Map.of("HM_GIT_TOKEN", "from-env")).orElseThrow().secrets())
        .containsExactly("from-env");
  }

  @Test
  void anSshKeyComesWithItsKnownHosts() throws Exception {
    KeyPair pair = TestKeys.ecdsa();
    Path key =
        Files.writeString(
            dir.resolve("id"), TestKeys.privateKeyText(pair, Optional.of("secret words")));
    Path hosts =
        Files.writeString(dir.resolve("known_hosts"), TestKeys.knownHostsLine("git.example", pair));

    GitCredentials ssh =
        credentials(
                Map.of(
                    "HM_GIT_SSH_KEY_FILE", key.toString(),
                    "HM_GIT_KNOWN_HOSTS_FILE", hosts.toString(),
                    "HM_GIT_SSH_PASSPHRASE", "secret words"))
            .orElseThrow();

    assertThat(ssh)
        .isInstanceOfSatisfying(
            SshKey.class, sshKey -> assertThat(sshKey.passphrase()).contains("secret words"));
  }

  @Test
  void halfAnSshSetupOrAnUnreadableFileIsNamedWithoutItsContent() {
    assertThatThrownBy(() -> credentials(Map.of("HM_GIT_SSH_KEY_FILE", "/somewhere/id")))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith("HM_GIT_KNOWN_HOSTS_FILE: is not set");
    assertThatThrownBy(
            () -> credentials(Map.of("HM_GIT_TOKEN_FILE", dir.resolve("absent").toString())))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("HM_GIT_TOKEN_FILE: cannot read '" + dir.resolve("absent") + "'");
  }
}
