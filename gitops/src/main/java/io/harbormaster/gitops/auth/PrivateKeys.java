package io.harbormaster.gitops.auth;

import io.harbormaster.core.model.InvalidSpecException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Reads a private key as JGit will, before any connection: JGit only logs a key it cannot read and
 * then reports that it had no key to offer, which hides the reason.
 */
final class PrivateKeys {
  private static final NamedResource IDENTITY = NamedResource.ofName("identity");

  private PrivateKeys() {}

  /**
   * Throws naming the reason when the key cannot be read; the key's text never enters the message.
   */
  static void requireReadable(String privateKey, Optional<String> passphrase) {
    AtomicBoolean encrypted = new AtomicBoolean();
    FilePasswordProvider answer =
        (session, resource, retry) -> {
          encrypted.set(true);
          return passphrase.orElse(null);
        };
    boolean read;
    try {
      Iterable<KeyPair> pairs =
          SecurityUtils.loadKeyPairIdentities(
              null,
              IDENTITY,
              new ByteArrayInputStream(privateKey.getBytes(StandardCharsets.UTF_8)),
              answer);
      read = pairs != null && pairs.iterator().hasNext();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      read = false;
    }
    if (read) {
      return;
    }
    if (encrypted.get() && passphrase.isEmpty()) {
      throw new InvalidSpecException(
          "identity", "the private key is encrypted: give its passphrase");
    }
    if (encrypted.get()) {
      throw new InvalidSpecException(
          "identity",
          "the private key cannot be decrypted with the passphrase given: "
              + "check the passphrase");
    }
    throw new InvalidSpecException(
        "identity",
        "is not a private key that can be read: give an RSA, ECDSA or Ed25519 "
            + "key in OpenSSH or PEM format (as ssh-keygen writes it)");
  }
}
