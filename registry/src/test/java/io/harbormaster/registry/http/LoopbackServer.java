package io.harbormaster.registry.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HTTP server on a loopback address and a free port for the lookups' tests: each path answers
 * as the test says, any other is a 404, and every request is recorded with its {@code
 * Authorization} header.
 */
public final class LoopbackServer implements AutoCloseable {
  /** A request as the server saw it. */
  public record Seen(String method, String uri, Optional<String> authorization) {}

  /** How one path answers. */
  @FunctionalInterface
  public interface Answer {
    void answer(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final String host;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  private LoopbackServer(String host) {
    this.host = host;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            seen.add(
                new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))));
            Answer answer = answers.get(exchange.getRequestURI().getPath());
            if (answer == null) {
              send(exchange, 404, "not found");
            } else {
              answer.answer(exchange);
            }
          }
        });
    server.start();
  }

  /** A server on 127.0.0.1. */
  public static LoopbackServer start() {
    return new LoopbackServer("127.0.0.1");
  }

  /**
   * A server reached as {@code localhost}: another host than 127.0.0.1 to a client that compares
   * host names, as credentials are bound.
   */
  public static LoopbackServer startAsLocalhost() {
    return new LoopbackServer("localhost");
  }

  public void on(String path, Answer answer) {
    answers.put(path, answer);
  }

  /** {@code http://<host>:<port>}. */
  public URI url() {
    return URI.create("http://" + host + ":" + server.getAddress().getPort());
  }

  public String hostPort() {
    return host + ":" + server.getAddress().getPort();
  }

  public List<Seen> requests() {
    return List.copyOf(seen);
  }

  /** Answers {@code status} with {@code body} (none for a HEAD). */
  public static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseHeaders().set("Content-Length", String.valueOf(bytes.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** Answers a redirect to {@code location}. */
  public static void redirect(HttpExchange exchange, int status, String location)
      throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(status, -1);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
