package io.harbormaster.sandbox.apiserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on loopback with a fixed port in front of a backend whose port may change: the
 * API server restarted by a test listens on a new port, while its clients keep the address they
 * were given, as they keep a Service's address when the API server's pod is replaced. Bytes pass
 * through untouched (TLS ends at the API server). {@link #cutConnections()} drops every open
 * connection, as a dying server does.
 */
final class LoopbackProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile int backendPort;

  private LoopbackProxy(ServerSocket listener, int backendPort) {
    this.listener = listener;
    this.backendPort = backendPort;
  }

  static LoopbackProxy start(int backendPort) {
    try {
      ServerSocket listener = new ServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      LoopbackProxy proxy = new LoopbackProxy(listener, backendPort);
      Thread acceptor = new Thread(proxy::accept, "api-server-proxy");
      acceptor.setDaemon(true);
      acceptor.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return listener.getLocalPort();
  }

  /** New connections go to {@code port}; open ones are not moved. */
  void forwardTo(int port) {
    backendPort = port;
  }

  void cutConnections() {
    open.forEach(LoopbackProxy::closeQuietly);
    open.clear();
  }

  @Override
  public void close() {
    closeQuietly(listener);
    cutConnections();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        connect(client);
      } catch (IOException e) {
        // The listener closed, or one connection failed to open: the client sees a reset and
        // retries.
      }
    }
  }

  private void connect(Socket client) {
    open.add(client);
    try {
      Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
      open.add(backend);
      pump(client, backend);
      pump(backend, client);
    } catch (IOException e) {
      // Nothing listens (the server is down): the client's connection is refused in effect.
      closeQuietly(client);
      open.remove(client);
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                  out.write(buffer, 0, read);
                  out.flush();
                }
              } catch (IOException e) {
                // One side closed: close both below.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "api-server-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Already closed.
    }
  }
}
