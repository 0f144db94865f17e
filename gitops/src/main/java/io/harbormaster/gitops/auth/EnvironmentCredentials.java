package io.harbormaster.gitops.auth;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.InvalidSpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials for the command line, from its environment, read on every use:
 *
 * <ul>
 *   <li>SSH: {@code HM_GIT_SSH_KEY_FILE} and {@code HM_GIT_KNOWN_HOSTS_FILE} (both required
 *       together), with {@code HM_GIT_SSH_PASSPHRASE} for an encrypted key;
 *   <li>HTTPS: {@code HM_GIT_TOKEN_FILE} (preferred: the token stays out of the process list and
 *       shell history) or {@code HM_GIT_TOKEN}, with {@code HM_GIT_USERNAME} when the host wants
 *       one and {@code HM_GIT_CA_FILE} (PEM) when a private CA signed the server's certificate.
 * </ul>
 *
 * None of them set means anonymous access. Files are read as UTF-8 and a token's surrounding white
 * space is dropped, as {@code echo token > file} leaves a newline.
 */
public final class EnvironmentCredentials implements CredentialsSource {
  private final Map<String, String> env;

  public EnvironmentCredentials(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static EnvironmentCredentials fromSystem() {
    return new EnvironmentCredentials(System.getenv());
  }

  @Override
  public Optional<GitCredentials> credentialsFor(GitLocation location) {
    Optional<String> keyFile = value("HM_GIT_SSH_KEY_FILE");
    Optional<String> knownHostsFile = value("HM_GIT_KNOWN_HOSTS_FILE");
    if (keyFile.isPresent() || knownHostsFile.isPresent()) {
      if (keyFile.isEmpty() || knownHostsFile.isEmpty()) {
        throw new InvalidSpecException(
            keyFile.isEmpty() ? "HM_GIT_SSH_KEY_FILE" : "HM_GIT_KNOWN_HOSTS_FILE",
            "is not set: SSH needs both the private key file and a known_hosts file with the server's key");
      }
      return Optional.of(
          SshKey.builder()
              .privateKey(read("HM_GIT_SSH_KEY_FILE", keyFile.get()))
              .knownHosts(read("HM_GIT_KNOWN_HOSTS_FILE", knownHostsFile.get()))
              .passphrase(value("HM_GIT_SSH_PASSPHRASE"))
              .build());
    }
    Optional<String> token =
        value("HM_GIT_TOKEN_FILE")
            .map(file -> read("HM_GIT_TOKEN_FILE", file).strip())
            .or(() -> value("HM_GIT_TOKEN"));
    return token.map(
        secret -> {
          ImmutableHttpsToken.Builder https = HttpsToken.builder().token(secret);
          value("HM_GIT_USERNAME").ifPresent(https::username);
          value("HM_GIT_CA_FILE")
              .map(file -> read("HM_GIT_CA_FILE", file))
              .ifPresent(https::caCertificate);
          return https.build();
        });
  }

  private Optional<String> value(String name) {
    return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
  }

  /** The message names the variable and the path, never what the file holds. */
  private static String read(String variable, String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidSpecException(
          variable,
          "cannot read '"
              + file
              + "' ("
              + e.getClass().getSimpleName()
              + "): check the path and its permissions");
    }
  }
}
