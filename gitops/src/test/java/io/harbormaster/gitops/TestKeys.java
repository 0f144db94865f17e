package io.harbormaster.gitops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/** SSH key pairs for tests, and their texts as {@code ssh-keygen} writes them. */
public final class TestKeys {
  private TestKeys() {}

  /** ECDSA P-256: quick to generate. */
  public static KeyPair ecdsa() throws GeneralSecurityException {
    return KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
  }

  /** ssh-keygen's default type; needs Bouncy Castle on the classpath. */
  public static KeyPair ed25519() throws GeneralSecurityException {
    return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
  }

  /** The private key in OpenSSH format, encrypted with AES-256-CTR and bcrypt when a passphrase is given. */
  public static String privateKeyText(KeyPair pair, Optional<String> passphrase) throws IOException, GeneralSecurityException {
    OpenSSHKeyEncryptionContext encryption = null;
    if (passphrase.isPresent()) {
      encryption = new OpenSSHKeyEncryptionContext();
      encryption.setCipherName("AES");
      encryption.setCipherType("256");
      encryption.setCipherMode("CTR");
      encryption.setPassword(passphrase.get());
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "harbormaster-test", encryption, text);
    return text.toString(StandardCharsets.UTF_8);
  }

  /** A known_hosts line claiming {@code hostPattern} has this key. */
  public static String knownHostsLine(String hostPattern, KeyPair pair) {
    return hostPattern + " " + PublicKeyEntry.toString(pair.getPublic());
  }
}
