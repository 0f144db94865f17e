package io.harbormaster.sandbox.chartserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.harbormaster.sandbox.flux.chart.ChartCatalogue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Helm chart repositories over HTTP on 127.0.0.1 and an ephemeral port, one per {@link
 * ChartCatalogue} it {@link #serve serves}, at {@code http://127.0.0.1:<port>/<name>}: {@code GET
 * <url>/index.yaml} returns the index of the versions the catalogue has published at that moment
 * ({@link IndexFile}), so a version published later is in the next fetch, and {@code GET
 * <url>/<chart>-<version>.tgz} the archive the index names ({@link ChartArchive}). Anything else is
 * 404. A repository can require HTTP Basic authentication ({@link #requireBasicAuth}), as a
 * HelmRepository's {@code spec.secretRef} with {@code username} and {@code password} supplies it.
 *
 * <pre>{@code
 * try (ChartServer server = ChartServer.start()) {
 *   String url = server.serve("charts", ChartCatalogue.standard());
 *   // a HelmRepository with spec.url: <url> fetches <url>/index.yaml
 * }
 * }</pre>
 */
public final class ChartServer implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  private record Repository(
      ChartCatalogue charts, Optional<String> authorization, AtomicInteger indexFetches) {}

  private final HttpServer server;
  private final ExecutorService threads;
  private final Map<String, Repository> repositories = new ConcurrentHashMap<>();

  private ChartServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Starts a server with no repository yet. */
  public static ChartServer start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService threads =
          Executors.newFixedThreadPool(
              2,
              runnable -> {
                Thread thread = new Thread(runnable, "sandbox-chart-server");
                thread.setDaemon(true);
                return thread;
              });
      ChartServer charts = new ChartServer(server, threads);
      server.createContext("/", charts::handle);
      server.setExecutor(threads);
      server.start();
      return charts;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox's chart server", e);
    }
  }

  /**
   * Serves {@code charts} as repository {@code name}, open to anyone.
   *
   * @return the repository's URL, for a HelmRepository's {@code spec.url}
   * @throws IllegalArgumentException when {@code name} is not a lowercase name or already served
   */
  public String serve(String name, ChartCatalogue charts) {
    Objects.requireNonNull(charts, "charts");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "repository name '" + name + "' must be lowercase letters, digits and '-'");
    }
    if (repositories.putIfAbsent(
            name, new Repository(charts, Optional.empty(), new AtomicInteger()))
        != null) {
      throw new IllegalArgumentException("repository '" + name + "' is served already");
    }
    return url(name);
  }

  /**
   * From now on repository {@code name} answers only requests with these HTTP Basic credentials,
   * others with 401.
   */
  public void requireBasicAuth(String name, String username, String password) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    repositories.compute(
        name,
        (key, repository) -> {
          if (repository == null) {
            throw new IllegalArgumentException("no repository '" + name + "' is served");
          }
          return new Repository(
              repository.charts(), Optional.of(expected), repository.indexFetches());
        });
  }

  /** The URL of repository {@code name}, served or not: {@code http://127.0.0.1:<port>/<name>}. */
  public String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  /** How many times repository {@code name}'s index was served (authorized requests only). */
  public int indexFetches(String name) {
    return Optional.ofNullable(repositories.get(name))
        .map(repository -> repository.indexFetches().get())
        .orElse(0);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] path = exchange.getRequestURI().getPath().split("/", -1);
      Repository repository = path.length == 3 ? repositories.get(path[1]) : null;
      if (repository == null) {
        respond(
            exchange, 404, "text/plain", "404 page not found\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "text/plain", new byte[0]);
        return;
      }
      if (repository.authorization().isPresent()
          && !authorized(exchange, repository.authorization().get())) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + path[1] + "\"");
        respond(exchange, 401, "text/plain", "401 Unauthorized\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (path[2].equals("index.yaml")) {
        repository.indexFetches().incrementAndGet();
        respond(
            exchange,
            200,
            "application/x-yaml",
            IndexFile.of(repository.charts(), url(path[1])).getBytes(StandardCharsets.UTF_8));
        return;
      }
      Optional<byte[]> archive =
          repository.charts().published().stream()
              .filter(
                  version ->
                      ChartArchive.fileName(version.chart(), version.version()).equals(path[2]))
              .findFirst()
              .map(ChartArchive::of);
      if (archive.isPresent()) {
        respond(exchange, 200, "application/gzip", archive.get());
      } else {
        respond(
            exchange, 404, "text/plain", "404 page not found\n".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static boolean authorized(HttpExchange exchange, String expected) {
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    return given != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
