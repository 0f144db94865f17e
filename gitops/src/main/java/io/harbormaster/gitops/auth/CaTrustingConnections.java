package io.harbormaster.gitops.auth;

import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.security.GeneralSecurityException;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * JGit's HTTP connections for one transport, checking the server against {@link CaTrust}'s
 * authorities. Set per transport, never as JGit's global factory: another app's git has other
 * trust.
 */
final class CaTrustingConnections implements HttpConnectionFactory {
  private final HttpConnectionFactory connections = new JDKHttpConnectionFactory();
  private final TrustManager[] trust;

  CaTrustingConnections(String caCertificate) {
    this.trust = CaTrust.managers(caCertificate);
  }

  @Override
  public HttpConnection create(URL url) throws IOException {
    return trusting(url, connections.create(url));
  }

  @Override
  public HttpConnection create(URL url, Proxy proxy) throws IOException {
    return trusting(url, connections.create(url, proxy));
  }

  private HttpConnection trusting(URL url, HttpConnection connection) throws IOException {
    if (!"https".equals(url.getProtocol())) {
      return connection;
    }
    try {
      connection.configure(null, trust, null);
      return connection;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS with ca.crt (" + e.getClass().getSimpleName() + ")");
    }
  }
}
