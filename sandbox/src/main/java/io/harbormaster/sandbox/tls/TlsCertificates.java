package io.harbormaster.sandbox.tls;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A private CA and the server certificate it signs for 127.0.0.1 and localhost, as a company's git
 * server or a node's kubelet has one: clients trust the CA ({@link #caPem()}) or trust anyone (the
 * API server's node proxy), the server presents its own certificate ({@link #serverContext()}).
 */
public final class TlsCertificates {
  private static final char[] KEY_STORE_PASSWORD = "sandbox".toCharArray();
  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  private final X509Certificate ca;
  private final KeyStore keyStore;

  private TlsCertificates(X509Certificate ca, KeyStore keyStore) {
    this.ca = ca;
    this.keyStore = keyStore;
  }

  public static TlsCertificates create() {
    try {
      KeyPair caKeys = ecKeys();
      X500Name caName = new X500Name("CN=Harbormaster sandbox CA");
      X509Certificate ca =
          sign(
              new JcaX509v3CertificateBuilder(
                      caName, serial(), notBefore(), notAfter(), caName, caKeys.getPublic())
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                  .addExtension(
                      Extension.keyUsage,
                      true,
                      new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
              caKeys);
      KeyPair serverKeys = ecKeys();
      X509Certificate server =
          sign(
              new JcaX509v3CertificateBuilder(
                      caName,
                      serial(),
                      notBefore(),
                      notAfter(),
                      new X500Name("CN=127.0.0.1"),
                      serverKeys.getPublic())
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                  .addExtension(
                      Extension.extendedKeyUsage,
                      false,
                      new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                  .addExtension(
                      Extension.subjectAlternativeName,
                      false,
                      new GeneralNames(
                          new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")
                          })),
              caKeys);
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry(
          "server", serverKeys.getPrivate(), KEY_STORE_PASSWORD, new Certificate[] {server, ca});
      return new TlsCertificates(ca, keyStore);
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException(
          "cannot make the sandbox's TLS certificates: " + e.getMessage(), e);
    }
  }

  /** The CA's certificate, PEM: what a client trusts (Flux's {@code ca.crt}). */
  public String caPem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(ca.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the sandbox CA's certificate", e);
    }
  }

  /** Jetty's TLS settings for a server presenting the certificate this CA signed. */
  public SslContextFactory.Server serverContext() {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(keyStore);
    ssl.setKeyStorePassword(new String(KEY_STORE_PASSWORD));
    return ssl;
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder certificate, KeyPair issuer)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            certificate.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIALS.incrementAndGet());
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(Duration.ofHours(1)));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(Duration.ofDays(30)));
  }
}
