package io.harbormaster.embedded.credentials;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.gitops.auth.CredentialsSource;
import io.harbormaster.gitops.auth.GitCredentials;
import io.harbormaster.gitops.auth.HttpsToken;
import io.harbormaster.gitops.auth.ImmutableHttpsToken;
import io.harbormaster.gitops.auth.ImmutableSshKey;
import io.harbormaster.gitops.auth.SshKey;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Reads git credentials from the Secret named in {@code spec.git.credentialsSecret}, in the app's
 * namespace, on every use so a rotated Secret takes effect. The keys are Flux's own, so the Secret
 * a GitRepository already uses works here too: {@code identity} and {@code known_hosts} (and {@code
 * password}, the key's passphrase) for SSH; {@code password} (a token) and optionally {@code
 * username} and {@code ca.crt} (a private CA's PEM certificate) for HTTPS. Unlike for Flux, the
 * Secret must name the hosts it may be sent to ({@link AllowedHosts}).
 */
public final class SecretCredentials {
  public static final String USERNAME = "username";
  public static final String PASSWORD = "password";
  public static final String IDENTITY = "identity";
  public static final String KNOWN_HOSTS = "known_hosts";
  public static final String CA_CERTIFICATE = "ca.crt";
  public static final String ALLOWED_HOSTS = AllowedHosts.ANNOTATION;

  private final KubernetesClient client;

  public SecretCredentials(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The credentials of one app: the git adapter's {@link CredentialsSource} knows only the
   * location, and the Secret lives in the app's namespace.
   */
  public CredentialsSource forApp(ObjectRef app) {
    return location -> credentials(app.namespace(), location);
  }

  /**
   * @throws MissingCredentialsException naming the Secret and the key when either is missing, or
   *     the Secret, the host and the annotation when the Secret may not be sent to the repository's
   *     host
   */
  public Optional<GitCredentials> credentials(String namespace, GitLocation location) {
    if (location.credentialsSecret().isEmpty()) {
      return Optional.empty();
    }
    String name = location.credentialsSecret().get();
    String where = "Secret " + namespace + "/" + name + " (spec.git.credentialsSecret)";
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
        throw e;
      }
      // Read as the app's ServiceAccount when the operator impersonates one: the app may use only
      // what it may read.
      throw MissingCredentialsException.forbidden(
          where
              + " may not be read by "
              + Optional.ofNullable(client.getConfiguration().getImpersonateUsername())
                  .orElse("the operator")
              + ": grant it get on that Secret");
    }
    if (secret == null) {
      throw new MissingCredentialsException(
          where
              + " does not exist: create it with keys '"
              + IDENTITY
              + "' and '"
              + KNOWN_HOSTS
              + "' (SSH) or '"
              + PASSWORD
              + "' (an HTTPS token), as for a Flux GitRepository");
    }
    AllowedHosts.require(secret, where, location.url());
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    Optional<String> password =
        Optional.ofNullable(data.get(PASSWORD)).map(SecretCredentials::decode);
    if (data.containsKey(IDENTITY)) {
      if (!data.containsKey(KNOWN_HOSTS)) {
        throw new MissingCredentialsException(
            where
                + " has '"
                + IDENTITY
                + "' but no '"
                + KNOWN_HOSTS
                + "': add the git server's host keys, there is no trust on first use");
      }
      ImmutableSshKey.Builder key =
          SshKey.builder()
              .privateKey(decode(data.get(IDENTITY)))
              .knownHosts(decode(data.get(KNOWN_HOSTS)));
      password.ifPresent(key::passphrase);
      return Optional.of(key.build());
    }
    if (password.isPresent()) {
      ImmutableHttpsToken.Builder token = HttpsToken.builder().token(password.get());
      Optional.ofNullable(data.get(USERNAME))
          .map(SecretCredentials::decode)
          .ifPresent(token::username);
      Optional.ofNullable(data.get(CA_CERTIFICATE))
          .map(SecretCredentials::decode)
          .ifPresent(token::caCertificate);
      return Optional.of(token.build());
    }
    throw new MissingCredentialsException(
        where
            + " has neither '"
            + IDENTITY
            + "' (SSH) nor '"
            + PASSWORD
            + "' (HTTPS token): add one of them");
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
