package io.harbormaster.gitops;

import static io.harbormaster.gitops.Fixtures.HELM_RELEASE;
import static io.harbormaster.gitops.Fixtures.HELM_RELEASE_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.harbormaster.core.port.GitCommit;
import io.harbormaster.core.port.GitOpsException;
import io.harbormaster.core.port.ValueChange;
import io.harbormaster.gitops.auth.SshKey;
import io.harbormaster.sandbox.git.BareRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes over a real SSH server (ssh://git@127.0.0.1:port/platform.git) with key authentication and
 * the server's host key checked against the credentials' known_hosts.
 */
class JGitOpsSshTest {
  private static final String PASSPHRASE = "correct-horse-battery-staple-17";

  @TempDir Path temp;
  private KeyPair clientKey;
  private SshGitServer server;
  private BareRepository remote;

  @BeforeEach
  void startServer() throws Exception {
    clientKey = TestKeys.ecdsa();
    server = new SshGitServer(temp.resolve("server"), TestKeys.ecdsa(), clientKey.getPublic());
    remote = server.create("platform.git");
    remote.commit("main", Map.of(HELM_RELEASE_PATH, HELM_RELEASE), "initial");
  }

  @AfterEach
  void stopServer() throws Exception {
    remote.close();
    server.close();
  }

  @Test
  void pushesAnUpgradeCommitWithAnSshKey() throws Exception {
    SshKey key =
        SshKey.builder()
            .privateKey(TestKeys.privateKeyText(clientKey, Optional.empty()))
            .knownHosts("# the platform's git server\n" + server.knownHostsLine() + "\n")
            .build();

    GitCommit commit = upgradeWith(key, server);

    assertThat(commit.id()).isEqualTo(remote.tip("main").name());
    assertThat(commit.changes())
        .containsExactly(ValueChange.of("spec.chart.spec.version", "15.2.3", "15.3.0"));
    assertThat(remote.read("main", HELM_RELEASE_PATH))
        .isEqualTo(HELM_RELEASE.replace("\"15.2.3\"", "\"15.3.0\""));
    assertThat(remote.log("main").get(0).getShortMessage())
        .isEqualTo("chore(db): upgrade postgresql from 15.2.3 to 15.3.0");
    assertThat(scratchFiles()).isEmpty();
  }

  @Test
  void pushesWithAPassphraseProtectedKey() throws Exception {
    SshKey key =
        SshKey.builder()
            .privateKey(TestKeys.privateKeyText(clientKey, Optional.of(PASSPHRASE)))
            .passphrase(PASSPHRASE)
            .knownHosts(server.knownHostsLine())
            .build();

    GitCommit commit = upgradeWith(key, server);

    assertThat(commit.id()).isEqualTo(remote.tip("main").name());
    assertThat(scratchFiles()).isEmpty();
  }

  @Test
  void pushesWhenKnownHostsHoldsTheServerUnderAHashedName() throws Exception {
    String hashed = TestKeys.hashedKnownHostsLine(server.hostPattern(), server.hostKey());
    SshKey key =
        SshKey.builder()
            .privateKey(TestKeys.privateKeyText(clientKey, Optional.empty()))
            .knownHosts(hashed)
            .build();

    GitCommit commit = upgradeWith(key, server);

    assertThat(hashed).startsWith("|1|").doesNotContain("127.0.0.1");
    assertThat(commit.id()).isEqualTo(remote.tip("main").name());
  }

  @Test
  void pushesWithEd25519HostAndClientKeys() throws Exception {
    KeyPair ed25519Client = TestKeys.ed25519();
    try (SshGitServer ed25519Server =
            new SshGitServer(
                temp.resolve("ed25519-server"), TestKeys.ed25519(), ed25519Client.getPublic());
        BareRepository repository = ed25519Server.create("platform.git")) {
      repository.commit("main", Map.of(HELM_RELEASE_PATH, HELM_RELEASE), "initial");
      SshKey key =
          SshKey.builder()
              .privateKey(TestKeys.privateKeyText(ed25519Client, Optional.empty()))
              .knownHosts(ed25519Server.knownHostsLine())
              .build();

      GitCommit commit = upgradeWith(key, ed25519Server);

      assertThat(ed25519Server.knownHostsLine()).contains(" ssh-ed25519 ");
      assertThat(commit.id()).isEqualTo(repository.tip("main").name());
    }
  }

  @Test
  void refusesAServerWhoseHostKeyIsNotInKnownHosts() throws Exception {
    String otherHostOnly = TestKeys.knownHostsLine("git.example.com", TestKeys.ecdsa());

    GitOpsException refused = upgradeRefused(withClientKey(otherHostOnly));

    assertThat(refused)
        .hasMessageStartingWith(server.url("platform.git") + ": cannot fetch branch 'main': ")
        .hasMessageContaining(
            "the SSH server's host key is not trusted: known_hosts has no line for "
                + server.hostPattern()
                + ". Add the server's host key line to known_hosts (ssh-keyscan -p "
                + server.port()
                + " 127.0.0.1");
    assertNoKeyMaterial(refused, otherHostOnly, server.knownHostsLine());
  }

  @Test
  void refusesAServerWhoseHostKeyChanged() throws Exception {
    String sameHostOtherKey = TestKeys.knownHostsLine(server.hostPattern(), TestKeys.ecdsa());

    GitOpsException refused = upgradeRefused(withClientKey(sameHostOtherKey));

    assertThat(refused)
        .hasMessageContaining(
            "the SSH server's host key is not trusted: it is not the key "
                + "known_hosts gives for "
                + server.hostPattern()
                + ". If the server's key was changed on purpose, "
                + "replace that line of known_hosts");
    assertNoKeyMaterial(refused, sameHostOtherKey, server.knownHostsLine());
  }

  @Test
  void aKeyTheServerDoesNotAcceptFailsWithoutRevealingIt() throws Exception {
    String identity = TestKeys.privateKeyText(TestKeys.ecdsa(), Optional.of(PASSPHRASE));
    SshKey key =
        SshKey.builder()
            .privateKey(identity)
            .passphrase(PASSPHRASE)
            .knownHosts(server.knownHostsLine())
            .build();

    GitOpsException refused = upgradeRefused(key);

    assertThat(refused)
        .hasMessageContaining(
            "the SSH server did not accept the private key in identity for user "
                + "'git': give a key whose public key the server lets push");
    assertNoKeyMaterial(refused, identity, PASSPHRASE);
  }

  private SshKey withClientKey(String knownHosts) throws Exception {
    return SshKey.builder()
        .privateKey(TestKeys.privateKeyText(clientKey, Optional.empty()))
        .knownHosts(knownHosts)
        .build();
  }

  /**
   * The upgrade fails with a GitOpsException, nothing is pushed and the key's scratch folder is
   * gone.
   */
  private GitOpsException upgradeRefused(SshKey key) throws IOException {
    ObjectId before = remote.tip("main");

    Throwable failure = catchThrowable(() -> upgradeWith(key, server));

    assertThat(failure).isInstanceOf(GitOpsException.class).hasNoCause();
    assertThat(remote.tip("main")).isEqualTo(before);
    assertThat(scratchFiles()).isEmpty();
    return (GitOpsException) failure;
  }

  private GitCommit upgradeWith(SshKey key, SshGitServer target) {
    return Fixtures.adapter(temp.resolve("work"), location -> Optional.of(key))
        .commit(Fixtures.upgrade(target.url("platform.git"), "15.3.0"));
  }

  private List<Path> scratchFiles() throws IOException {
    try (Stream<Path> files = Files.list(temp.resolve("work").resolve("scratch"))) {
      return files.toList();
    }
  }

  /**
   * Neither the texts nor any line of them (a key's base64 body) is in any message of the chain.
   */
  private static void assertNoKeyMaterial(Throwable failure, String... texts) {
    List<String> said = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      said.add(t.getMessage());
      said.add(t.toString());
      Arrays.stream(t.getSuppressed()).forEach(s -> said.add(s.toString()));
    }
    for (String text : texts) {
      List<String> pieces = new ArrayList<>(List.of(text.strip()));
      text.lines()
          .map(String::strip)
          .filter(line -> line.length() >= 16 && !line.startsWith("-----"))
          .forEach(pieces::add);
      Arrays.stream(text.split("\\s+"))
          .filter(word -> word.startsWith("AAAA"))
          .forEach(pieces::add);
      assertThat(said).allSatisfy(message -> assertThat(message).doesNotContain(pieces));
    }
  }
}
