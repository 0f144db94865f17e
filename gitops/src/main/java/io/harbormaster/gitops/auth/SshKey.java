package io.harbormaster.gitops.auth;

import io.harbormaster.core.model.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An SSH private key and the known_hosts lines the server's key must match; there is no trust on
 * first use. The texts are those of Flux's git Secrets: {@code identity} and {@code known_hosts}.
 * Both are read when the value is built, so an unreadable key, a wrong passphrase or a malformed
 * known_hosts line is refused naming the field, before any connection.
 */
@Value.Immutable
public abstract class SshKey implements GitCredentials {
  /** The private key in OpenSSH or PEM format. */
  @Value.Redacted
  public abstract String privateKey();

  @Value.Redacted
  public abstract Optional<String> passphrase();

  /** known_hosts lines; the server must present one of these keys. */
  public abstract String knownHosts();

  public static ImmutableSshKey.Builder builder() {
    return ImmutableSshKey.builder();
  }

  @Override
  public List<String> secrets() {
    List<String> secrets = new ArrayList<>(List.of(privateKey()));
    passphrase().ifPresent(secrets::add);
    return secrets;
  }

  @Value.Check
  protected void check() {
    if (privateKey().isBlank()) {
      throw new InvalidSpecException(
          "identity", "is empty: give the SSH private key that may push");
    }
    if (knownHosts().isBlank()) {
      throw new InvalidSpecException(
          "known_hosts",
          "is empty: give the server's host key line (ssh-keyscan <host>), so its identity is checked");
    }
    KnownHosts.parse(knownHosts());
    PrivateKeys.requireReadable(privateKey(), passphrase());
  }
}
