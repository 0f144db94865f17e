package io.harbormaster.gitops.auth;

import io.harbormaster.core.model.InvalidSpecException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a git server signed by a private CA (Flux's {@code ca.crt}) besides the authorities the
 * JVM trusts, as Flux does. The server's name is still checked against its certificate.
 */
final class CaTrust {
  private CaTrust() {}

  /**
   * @throws InvalidSpecException naming ca.crt when it holds no PEM certificate
   */
  static List<X509Certificate> certificates(String pem) {
    Collection<? extends Certificate> read;
    try {
      read =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    } catch (CertificateException e) {
      read = List.of();
    }
    if (read.isEmpty()) {
      throw new InvalidSpecException(
          "ca.crt",
          "holds no certificate that can be read: give the PEM certificate "
              + "(-----BEGIN CERTIFICATE-----) of the CA that signed the git server's certificate");
    }
    return read.stream().map(X509Certificate.class::cast).toList();
  }

  /** The JVM's authorities and {@code pem}'s, for a connection to check the server against. */
  static TrustManager[] managers(String pem) {
    try {
      KeyStore own = KeyStore.getInstance(KeyStore.getDefaultType());
      own.load(null, null);
      List<X509Certificate> certificates = certificates(pem);
      for (int i = 0; i < certificates.size(); i++) {
        own.setCertificateEntry("ca-" + i, certificates.get(i));
      }
      return new TrustManager[] {new Either(manager(own), manager(null))};
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException(
          "cannot set up trust in ca.crt (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** {@code null}: the JVM's own authorities. */
  private static X509TrustManager manager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return Stream.of(factory.getTrustManagers())
        .filter(X509TrustManager.class::isInstance)
        .map(X509TrustManager.class::cast)
        .findFirst()
        .orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
  }

  /** Trusts a server either authority vouches for. */
  private record Either(X509TrustManager own, X509TrustManager system) implements X509TrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        own.checkServerTrusted(chain, authType);
      } catch (CertificateException notOurs) {
        system.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      system.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> issuers = new ArrayList<>(List.of(own.getAcceptedIssuers()));
      issuers.addAll(List.of(system.getAcceptedIssuers()));
      return issuers.toArray(X509Certificate[]::new);
    }
  }
}
