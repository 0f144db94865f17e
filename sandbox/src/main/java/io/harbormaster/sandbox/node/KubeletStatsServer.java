package io.harbormaster.sandbox.node;

import io.harbormaster.sandbox.tls.TlsCertificates;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * One node's kubelet as the API server's node proxy reaches it: HTTPS on 127.0.0.1 and a port of
 * its own, answering {@code GET /stats/summary}, anything else 404. It can stop answering (its port
 * closed: connections are refused) and answer again on the same port, as a node that went away and
 * came back.
 */
final class KubeletStatsServer implements AutoCloseable {
  private static final String SUMMARY = "/stats/summary";

  private final Server server;
  private final ServerConnector connector;
  private final int port;

  KubeletStatsServer(TlsCertificates certificates, Supplier<String> summary) {
    server = new Server();
    connector = new ServerConnector(server, certificates.serverContext());
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            if (!"GET".equals(request.getMethod())
                || !SUMMARY.equals(Request.getPathInContext(request))) {
              Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
              return true;
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, summary.get(), callback);
            return true;
          }
        });
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start a kubelet's stats server", e);
    }
    port = connector.getLocalPort();
    connector.setPort(port); // so that answering again binds the same port
  }

  int port() {
    return port;
  }

  void stopAnswering() {
    try {
      connector.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot close the kubelet's port " + port, e);
    }
  }

  void answerAgain() {
    try {
      connector.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot open the kubelet's port " + port + " again", e);
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the kubelet's stats server", e);
    }
  }
}
