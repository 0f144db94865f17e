package io.harbormaster.operator.credentials;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.gitops.auth.CredentialsSource;
import io.harbormaster.gitops.auth.GitCredentials;
import io.harbormaster.gitops.auth.HttpsToken;
import io.harbormaster.gitops.auth.ImmutableHttpsToken;
import io.harbormaster.gitops.auth.SshKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Reads git credentials from the Secret named in {@code spec.git.credentialsSecret}, in the app's
 * namespace, on every use so a rotated Secret takes effect: {@code token} (and optionally
 * {@code username}) for HTTPS, or {@code ssh-privatekey} and {@code known_hosts} for SSH.
 */
public final class SecretCredentials {
  public static final String TOKEN = "token";
  public static final String USERNAME = "username";
  public static final String SSH_PRIVATE_KEY = "ssh-privatekey";
  public static final String KNOWN_HOSTS = "known_hosts";

  private final KubernetesClient client;

  public SecretCredentials(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The credentials of one app: the git adapter's {@link CredentialsSource} knows only the location,
   * and the Secret lives in the app's namespace.
   */
  public CredentialsSource forApp(ObjectRef app) {
    return location -> credentials(app.namespace(), location);
  }

  /**
   * @throws MissingCredentialsException naming the Secret and the key when either is missing
   */
  public Optional<GitCredentials> credentials(String namespace, GitLocation location) {
    if (location.credentialsSecret().isEmpty()) {
      return Optional.empty();
    }
    String name = location.credentialsSecret().get();
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    String where = "Secret " + namespace + "/" + name + " (spec.git.credentialsSecret)";
    if (secret == null) {
      throw new MissingCredentialsException(where + " does not exist: create it with key '" + TOKEN + "' or keys '"
          + SSH_PRIVATE_KEY + "' and '" + KNOWN_HOSTS + "'");
    }
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    if (data.containsKey(TOKEN)) {
      ImmutableHttpsToken.Builder token = HttpsToken.builder().token(decode(data.get(TOKEN)));
      Optional.ofNullable(data.get(USERNAME)).map(SecretCredentials::decode).ifPresent(token::username);
      return Optional.of(token.build());
    }
    if (data.containsKey(SSH_PRIVATE_KEY)) {
      if (!data.containsKey(KNOWN_HOSTS)) {
        throw new MissingCredentialsException(where + " has '" + SSH_PRIVATE_KEY + "' but no '" + KNOWN_HOSTS
            + "': add the git server's host keys, there is no trust on first use");
      }
      return Optional.of(
          SshKey.builder().privateKey(decode(data.get(SSH_PRIVATE_KEY))).knownHosts(decode(data.get(KNOWN_HOSTS))).build());
    }
    throw new MissingCredentialsException(
        where + " has neither '" + TOKEN + "' nor '" + SSH_PRIVATE_KEY + "': add one of them");
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
