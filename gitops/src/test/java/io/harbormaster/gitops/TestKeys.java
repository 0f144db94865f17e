package io.harbormaster.gitops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

  /**
   * The private key in OpenSSH format, encrypted with AES-256-CTR and bcrypt when a passphrase is
   * given.
   */
  public static String privateKeyText(KeyPair pair, Optional<String> passphrase)
      throws IOException, GeneralSecurityException {
    OpenSSHKeyEncryptionContext encryption = null;
    if (passphrase.isPresent()) {
      encryption = new OpenSSHKeyEncryptionContext();
      encryption.setCipherName("AES");
      encryption.setCipherType("256");
      encryption.setCipherMode("CTR");
      encryption.setPassword(passphrase.get());
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(
        pair, "harbormaster-test", encryption, text);
    return text.toString(StandardCharsets.UTF_8);
  }

  /** A known_hosts line claiming {@code hostPattern} has this key. */
  public static String knownHostsLine(String hostPattern, KeyPair pair) {
    return hostPattern + " " + PublicKeyEntry.toString(pair.getPublic());
  }

  /**
   * The same line with the host hashed, as {@code ssh-keyscan -H} writes it: {@code
   * |1|salt|HMAC-SHA1(salt, host)}.
   */
  public static String hashedKnownHostsLine(String hostPattern, KeyPair pair)
      throws GeneralSecurityException {
    byte[] salt = new byte[20];
    new SecureRandom().nextBytes(salt);
    Mac hmac = Mac.getInstance("HmacSHA1");
    hmac.init(new SecretKeySpec(salt, "HmacSHA1"));
    byte[] hash = hmac.doFinal(hostPattern.getBytes(StandardCharsets.UTF_8));
    Base64.Encoder base64 = Base64.getEncoder();
    return knownHostsLine(
        "|1|" + base64.encodeToString(salt) + "|" + base64.encodeToString(hash), pair);
  }
}
