package io.harbormaster.operator.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.gitops.auth.GitCredentials;
import io.harbormaster.gitops.TestKeys;
import io.harbormaster.gitops.auth.HttpsToken;
import io.harbormaster.gitops.auth.SshKey;
import java.security.KeyPair;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SecretCredentialsTest {
  private static final String TOKEN = "ghp_supersecret";

  KubernetesClient client;

  @Test
  void readsATokenAndUsernameFromTheNamedSecretUnderFluxsKeys() {
    secret("https", Map.of("password", TOKEN, "username", "oauth2"));

    GitCredentials https = new SecretCredentials(client).credentials("apps", location("https")).orElseThrow();
    assertThat(https).isInstanceOfSatisfying(HttpsToken.class, token -> {
      assertThat(token.token()).isEqualTo(TOKEN);
      assertThat(token.username()).isEqualTo("oauth2");
    });
  }

  @Test
  void readsAnSshKeyWithItsPassphraseAndKnownHostsAsAFluxGitRepositorySecretHoldsThem() throws Exception {
    KeyPair pair = TestKeys.ecdsa();
    String identity = TestKeys.privateKeyText(pair, Optional.of("correct horse"));
    String knownHosts = TestKeys.knownHostsLine("git.example", pair);
    secret("ssh", Map.of("identity", identity, "known_hosts", knownHosts, "password", "correct horse"));

    GitCredentials ssh = new SecretCredentials(client).credentials("apps", location("ssh")).orElseThrow();

    assertThat(ssh).isInstanceOfSatisfying(SshKey.class, key -> {
      assertThat(key.privateKey()).isEqualTo(identity);
      assertThat(key.passphrase()).contains("correct horse");
      assertThat(key.knownHosts()).isEqualTo(knownHosts);
    });
    assertThat(ssh.toString()).doesNotContain(identity).doesNotContain("correct horse");
  }

  @Test
  void noSecretNamedMeansAnonymous() {
    GitLocation anonymous = GitLocation.builder().repository("https://git.example/a.git").filePath("a.yaml").versionPath("v").build();
    assertThat(new SecretCredentials(client).credentials("apps", anonymous)).isEmpty();
  }

  @Test
  void aMissingSecretOrKeyIsNamedWithoutShowingTheSecret() {
    assertThatThrownBy(() -> new SecretCredentials(client).credentials("apps", location("absent")))
        .isInstanceOf(MissingCredentialsException.class)
        .hasMessageContaining("Secret apps/absent (spec.git.credentialsSecret) does not exist");
    secret("half", Map.of("identity", TOKEN));
    assertThatThrownBy(() -> new SecretCredentials(client).credentials("apps", location("half")))
        .isInstanceOf(MissingCredentialsException.class)
        .hasMessageContaining("has 'identity' but no 'known_hosts'")
        .message()
        .doesNotContain(TOKEN);
  }

  /** As the API server stores them: base64 under data (the mock does not convert stringData). */
  private void secret(String name, Map<String, String> texts) {
    Map<String, String> data = new java.util.HashMap<>();
    texts.forEach((key, text) -> data.put(key, Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))));
    client.secrets().inNamespace("apps")
        .resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata().withData(data).build())
        .create();
  }

  private static GitLocation location(String secret) {
    return GitLocation.builder()
        .repository("https://git.example/a.git")
        .filePath("a.yaml")
        .versionPath("v")
        .credentialsSecret(secret)
        .build();
  }
}
