package io.harbormaster.gitops.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.gitops.TestKeys;
import java.security.KeyPair;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SshKeyTest {
  private static final String PASSPHRASE = "open-sesame-42";

  private KeyPair pair;
  private String knownHosts;

  @BeforeEach
  void keys() throws Exception {
    pair = TestKeys.ecdsa();
    knownHosts = TestKeys.knownHostsLine("git.example.com", TestKeys.ed25519());
  }

  @Test
  void refusesAnEncryptedKeyWithoutItsPassphrase() throws Exception {
    String identity = TestKeys.privateKeyText(pair, Optional.of(PASSPHRASE));

    InvalidSpecException refused =
        catchThrowableOfType(
            InvalidSpecException.class,
            () -> SshKey.builder().privateKey(identity).knownHosts(knownHosts).build());

    assertThat(refused.field()).isEqualTo("identity");
    assertThat(refused).hasMessage("identity: the private key is encrypted: give its passphrase");
  }

  @Test
  void refusesAPassphraseThatDoesNotDecryptTheKey() throws Exception {
    String identity = TestKeys.privateKeyText(pair, Optional.of(PASSPHRASE));

    assertThatThrownBy(
            () ->
                SshKey.builder()
                    .privateKey(identity)
                    .passphrase("open-sesame-43")
                    .knownHosts(knownHosts)
                    .build())
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "identity: the private key cannot be decrypted with the passphrase given: check the passphrase")
        .hasNoCause();
  }

  @Test
  void refusesTextThatIsNotAPrivateKey() {
    String notAKey =
        "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----\n";

    assertThatThrownBy(() -> SshKey.builder().privateKey(notAKey).knownHosts(knownHosts).build())
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith("identity: is not a private key that can be read")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("AAAAbm90IGEga2V5"));
  }

  @Test
  void refusesAMalformedKnownHostsLineNamingIt() throws Exception {
    String identity = TestKeys.privateKeyText(pair, Optional.empty());
    String broken = "# scanned 2026-11-25\n" + knownHosts + "\n\n[127.0.0.1]:2222 ssh-ed25519\n";

    assertThatThrownBy(() -> SshKey.builder().privateKey(identity).knownHosts(broken).build())
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "known_hosts: line 4 is not '<host> <key type> <base64 key>' as ssh-keyscan prints it: "
                + "fix or remove that line");
    assertThatThrownBy(
            () ->
                SshKey.builder()
                    .privateKey(identity)
                    .knownHosts("# nothing but a comment\n")
                    .build())
        .hasMessageStartingWith("known_hosts: holds no host key line");
  }

  @Test
  void readsKeyscanOutputWithCommentsSeveralKeyTypesAndHashedNames() throws Exception {
    String scanned =
        String.join(
            "\n",
            "# git.example.com:22 SSH-2.0-OpenSSH_9.6",
            knownHosts,
            TestKeys.knownHostsLine("git.example.com", TestKeys.ecdsa()),
            TestKeys.hashedKnownHostsLine("[10.0.0.7]:2222", TestKeys.ecdsa()),
            "");

    SshKey key =
        SshKey.builder()
            .privateKey(TestKeys.privateKeyText(pair, Optional.of(PASSPHRASE)))
            .passphrase(PASSPHRASE)
            .knownHosts(scanned)
            .build();

    KnownHosts hosts = KnownHosts.parse(key.knownHosts());
    assertThat(hosts.names("git.example.com", 22)).isTrue();
    assertThat(hosts.names("10.0.0.7", 2222)).isTrue();
    assertThat(hosts.names("10.0.0.7", 22)).isFalse();
    assertThat(hosts.names("other.example.com", 22)).isFalse();
  }

  @Test
  void showsNeitherKeyNorPassphrase() throws Exception {
    String identity = TestKeys.privateKeyText(pair, Optional.of(PASSPHRASE));

    SshKey key =
        SshKey.builder().privateKey(identity).passphrase(PASSPHRASE).knownHosts(knownHosts).build();

    assertThat(key.toString())
        .doesNotContain(identity.lines().skip(1).findFirst().orElseThrow())
        .doesNotContain(PASSPHRASE);
    assertThat(key.secrets()).containsExactly(identity, PASSPHRASE);
  }
}
