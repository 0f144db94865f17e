package io.harbormaster.embedded.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.embedded.identity.AppClients;
import io.harbormaster.sandbox.apiserver.RealApiServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Read as an app's ServiceAccount (impersonating mode), a credentials Secret that ServiceAccount
 * may not read refuses the request with the Secret and the reader named, not with the API server's
 * error.
 */
class SecretCredentialsImpersonatedTest {
  private static final String NAMESPACE = "creds-forbidden";

  @Test
  void aSecretTheAppsServiceAccountMayNotReadIsRefusedNamingIt() {
    RealApiServer server = RealApiServer.shared();
    String user = AppClients.user(NAMESPACE, "no-rights");
    try (KubernetesClient admin =
            new KubernetesClientBuilder().withConfig(server.adminConfig()).build();
        KubernetesClient asApp =
            new KubernetesClientBuilder()
                .withConfig(
                    new ConfigBuilder(server.adminConfig()).withImpersonateUsername(user).build())
                .build()) {
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .serverSideApply();
      admin
          .secrets()
          .inNamespace(NAMESPACE)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("git")
                  .withAnnotations(Map.of(SecretCredentials.ALLOWED_HOSTS, "git.example"))
                  .endMetadata()
                  .withStringData(Map.of(SecretCredentials.PASSWORD, "ghp_neverRead"))
                  .build())
          .serverSideApply();
      GitLocation location =
          GitLocation.builder()
              .repository("https://git.example/fleet.git")
              .filePath("a.yaml")
              .versionPath("v")
              .credentialsSecret("git")
              .build();

      assertThatThrownBy(() -> new SecretCredentials(asApp).credentials(NAMESPACE, location))
          .isInstanceOfSatisfying(
              MissingCredentialsException.class,
              e -> assertThat(e.reason()).isEqualTo("CredentialsForbidden"))
          .hasMessage(
              "Secret "
                  + NAMESPACE
                  + "/git (spec.git.credentialsSecret) may not be read by "
                  + user
                  + ": grant it get on that Secret");
      admin.namespaces().withName(NAMESPACE).delete();
    }
  }
}
