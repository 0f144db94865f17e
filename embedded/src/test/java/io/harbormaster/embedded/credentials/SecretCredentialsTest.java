package io.harbormaster.embedded.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.gitops.TestKeys;
import io.harbormaster.gitops.auth.GitCredentials;
import io.harbormaster.gitops.auth.HttpsToken;
import io.harbormaster.gitops.auth.SshKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SecretCredentialsTest {
  private static final String TOKEN = "ghp_supersecret";

  KubernetesClient client;

  @Test
  void readsATokenAndUsernameFromTheNamedSecretUnderFluxsKeys() {
    secret("https", Map.of("password", TOKEN, "username", "oauth2"));

    GitCredentials https =
        new SecretCredentials(client).credentials("apps", location("https")).orElseThrow();
    assertThat(https)
        .isInstanceOfSatisfying(
            HttpsToken.class,
            token -> {
              assertThat(token.token()).isEqualTo(TOKEN);
              assertThat(token.username()).isEqualTo("oauth2");
            });
  }

  @Test
  void readsAnSshKeyWithItsPassphraseAndKnownHostsAsAFluxGitRepositorySecretHoldsThem()
      throws Exception {
    KeyPair pair = TestKeys.ecdsa();
    String identity = TestKeys.privateKeyText(pair, Optional.of("correct horse"));
    String knownHosts = TestKeys.knownHostsLine("git.example", pair);
    secret(
        "ssh",
        Map.of("identity", identity, "known_hosts", knownHosts, "password", "correct horse"));

    GitCredentials ssh =
        new SecretCredentials(client).credentials("apps", location("ssh")).orElseThrow();

    assertThat(ssh)
        .isInstanceOfSatisfying(
            SshKey.class,
            key -> {
              assertThat(key.privateKey()).isEqualTo(identity);
              assertThat(key.passphrase()).contains("correct horse");
              assertThat(key.knownHosts()).isEqualTo(knownHosts);
            });
    assertThat(ssh.toString()).doesNotContain(identity).doesNotContain("correct horse");
  }

  @Test
  void noSecretNamedMeansAnonymous() {
    GitLocation anonymous =
        GitLocation.builder()
            .repository("https://git.example/a.git")
            .filePath("a.yaml")
            .versionPath("v")
            .build();
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

  @Test
  void aSecretWithoutTheAllowedHostsAnnotationIsNotSentAnywhere() {
    secret("unannotated", Map.of("password", TOKEN), Optional.empty());

    assertThatThrownBy(
            () -> new SecretCredentials(client).credentials("apps", location("unannotated")))
        .isInstanceOfSatisfying(
            MissingCredentialsException.class,
            e -> assertThat(e.reason()).isEqualTo("CredentialsNotAllowed"))
        .hasMessage(
            "Secret apps/unannotated (spec.git.credentialsSecret) has no annotation harbormaster.io/allowed-hosts, so "
                + "its credentials are not sent to git.example (spec.git.repository): whoever owns the Secret adds the git hosts "
                + "they may go to, e.g. harbormaster.io/allowed-hosts: \"git.example\"");
  }

  @Test
  void aSecretIsSentOnlyToTheHostsItsOwnerAllowed() {
    secret("elsewhere", Map.of("password", TOKEN), Optional.of("github.com, git.example:8443"));

    assertThatThrownBy(
            () ->
                new SecretCredentials(client)
                    .credentials("apps", location("elsewhere", "https://127.0.0.1:9999/a.git")))
        .isInstanceOf(MissingCredentialsException.class)
        .hasMessage(
            "Secret apps/elsewhere (spec.git.credentialsSecret) may be sent only to the hosts in its annotation "
                + "harbormaster.io/allowed-hosts (github.com, git.example:8443), not to 127.0.0.1:9999 (spec.git.repository): "
                + "point spec.git.repository at an allowed host, or have the Secret's owner add \"127.0.0.1:9999\" to the annotation")
        .message()
        .doesNotContain(TOKEN);
    assertThatThrownBy(
            () ->
                new SecretCredentials(client)
                    .credentials("apps", location("elsewhere", "https://git.example/a.git")))
        .as("a host:port entry allows that port only")
        .hasMessageContaining("not to git.example (spec.git.repository)");
    assertThatThrownBy(
            () ->
                new SecretCredentials(client)
                    .credentials("apps", location("elsewhere", "https://github.com:8443/a.git")))
        .as("a bare host allows the scheme's default port only")
        .hasMessageContaining("not to github.com:8443 (spec.git.repository)");

    assertThat(
            new SecretCredentials(client)
                .credentials("apps", location("elsewhere", "https://GitHub.com/acme/a.git")))
        .isPresent();
    assertThat(
            new SecretCredentials(client)
                .credentials("apps", location("elsewhere", "https://git.example:8443/a.git")))
        .isPresent();
  }

  @Test
  void anSshKeyIsSentToTheHostOnPort22UnlessAnotherIsNamed() throws Exception {
    KeyPair pair = TestKeys.ecdsa();
    secret(
        "deploy-key",
        Map.of(
            "identity",
            TestKeys.privateKeyText(pair, Optional.empty()),
            "known_hosts",
            TestKeys.knownHostsLine("git.example", pair)),
        Optional.of("git.example, [::1]:2222"));

    assertThat(
            new SecretCredentials(client)
                .credentials("apps", location("deploy-key", "git@git.example:acme/a.git")))
        .isPresent();
    assertThat(
            new SecretCredentials(client)
                .credentials("apps", location("deploy-key", "ssh://git@[::1]:2222/a.git")))
        .isPresent();
    assertThatThrownBy(
            () ->
                new SecretCredentials(client)
                    .credentials(
                        "apps", location("deploy-key", "ssh://git@git.example:2222/a.git")))
        .hasMessageContaining("not to git.example:2222");
  }

  @Test
  void readsAPrivateCaForHttps() {
    String ca = "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n";
    secret("private-ca", Map.of("password", TOKEN, "ca.crt", ca));

    assertThatThrownBy(
            () -> new SecretCredentials(client).credentials("apps", location("private-ca")))
        .hasMessageStartingWith("ca.crt: holds no certificate that can be read");
  }

  /** As the API server stores them: base64 under data (the mock does not convert stringData). */
  private void secret(String name, Map<String, String> texts) {
    secret(name, texts, Optional.of("git.example"));
  }

  private void secret(String name, Map<String, String> texts, Optional<String> allowedHosts) {
    Map<String, String> data = new java.util.HashMap<>();
    texts.forEach(
        (key, text) ->
            data.put(
                key, Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))));
    client
        .secrets()
        .inNamespace("apps")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withAnnotations(
                    allowedHosts
                        .map(hosts -> Map.of(SecretCredentials.ALLOWED_HOSTS, hosts))
                        .orElse(Map.of()))
                .endMetadata()
                .withData(data)
                .build())
        .create();
  }

  private static GitLocation location(String secret) {
    return location(secret, "https://git.example/a.git");
  }

  private static GitLocation location(String secret, String repository) {
    return GitLocation.builder()
        .repository(repository)
        .filePath("a.yaml")
        .versionPath("v")
        .credentialsSecret(secret)
        .build();
  }
}
