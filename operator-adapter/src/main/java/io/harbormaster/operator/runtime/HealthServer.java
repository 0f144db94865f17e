package io.harbormaster.operator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.harbormaster.embedded.runtime.OperatorMetrics;
import io.javaoperatorsdk.operator.RuntimeInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The endpoints the Deployment's probes and Prometheus call: {@code /healthz} (the operator runs),
 * {@code /readyz} (every watch is healthy) and {@code /metrics}. The JDK's own HTTP server is
 * enough for three plain-text answers.
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Serves on {@code port} (0: any free one) on every interface, as a probe from the kubelet needs.
   */
  public static HealthServer start(
      int port, Supplier<RuntimeInfo> runtime, OperatorMetrics metrics) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      server.createContext(
          "/healthz", exchange -> answer(exchange, runtime.get().isStarted(), "operator started"));
      server.createContext(
          "/readyz",
          exchange -> {
            RuntimeInfo info = runtime.get();
            boolean ready = info.isStarted() && info.allEventSourcesAreHealthy();
            answer(
                exchange,
                ready,
                ready ? "ready" : "watches not healthy: " + info.unhealthyEventSources().keySet());
          });
      server.createContext("/metrics", exchange -> answer(exchange, true, metrics.scrape()));
      server.start();
      return new HealthServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on port " + port + " for /healthz, /readyz and /metrics", e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, boolean ok, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(ok ? 200 : 503, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
