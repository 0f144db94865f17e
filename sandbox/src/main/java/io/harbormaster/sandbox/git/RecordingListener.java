package io.harbormaster.sandbox.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener on 127.0.0.1 that records every connection and the first bytes sent on it, then hangs
 * up: the host someone who may edit a ManagedApp could point {@code spec.git.repository} at, to
 * catch credentials. Tests check it heard nothing; {@link #heard()} shows what it would have read.
 */
public final class RecordingListener implements AutoCloseable {
  private static final int FIRST_BYTES = 4096;
  private static final int READ_TIMEOUT_MILLIS = 2000;

  private final ServerSocket socket;
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private RecordingListener(ServerSocket socket) {
    this.socket = socket;
    this.acceptor = new Thread(this::accept, "recording-listener-" + socket.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static RecordingListener start() {
    try {
      return new RecordingListener(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
    }
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** {@code <scheme>://127.0.0.1:<port>/fleet.git}. */
  public String url(String scheme) {
    return scheme + "://127.0.0.1:" + port() + "/fleet.git";
  }

  /**
   * What each connection sent first (e.g. an HTTP request with its Authorization header), in order.
   */
  public List<String> heard() {
    return List.copyOf(heard);
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        connection.setSoTimeout(READ_TIMEOUT_MILLIS);
        heard.add(firstBytes(connection.getInputStream()));
      } catch (IOException closedOrReset) {
        // closed by close(), or a client that hung up: the next accept tells which
      }
    }
  }

  /** Up to the end of the HTTP headers, or whatever came before the client went quiet. */
  private static String firstBytes(InputStream in) throws IOException {
    StringBuilder read = new StringBuilder();
    byte[] buffer = new byte[FIRST_BYTES];
    try {
      int n;
      while (read.length() < FIRST_BYTES
          && read.indexOf("\r\n\r\n") < 0
          && (n = in.read(buffer)) > 0) {
        read.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      }
    } catch (SocketTimeoutException quiet) {
      // a TLS client waits for the server's hello: what it sent so far is what there is
    }
    return read.length() == 0 ? "(connected, sent nothing)" : read.toString();
  }

  @Override
  public void close() {
    try {
      socket.close();
      acceptor.join(READ_TIMEOUT_MILLIS * 2L);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the listener", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
