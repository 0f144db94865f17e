package io.harbormaster.sandbox.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real container registry on 127.0.0.1 and a free port: the Distribution registry (v2.8) of
 * Debian's {@code docker-registry} package, started as a process with its own configuration and
 * storage in a folder, serving plain HTTP without authentication. Images and Helm charts are pushed
 * to it through the registry's HTTP API by this class's own code ({@link #pushImage}, {@link
 * #pushChart}), so what reads them never shares code with what wrote them.
 *
 * <pre>{@code
 * try (ContainerRegistry registry = ContainerRegistry.start()) {
 *   registry.pushImage("apps/web", "1.2.0");
 *   String image = registry.image("apps/web");            // 127.0.0.1:<port>/apps/web
 *   registry.pushChart("charts", "postgres", "2.1.0");    // oci://127.0.0.1:<port>/charts/postgres:2.1.0
 *   String chartRepository = registry.ociUrl("charts");   // a HelmRepository's spec.url (type: oci)
 * }
 * }</pre>
 *
 * The package {@code docker-registry} must be installed ({@code apt-get install docker-registry};
 * {@code .ci/run} does); {@value #BINARY_PROPERTY} names another binary.
 */
public final class ContainerRegistry implements AutoCloseable {
  /** Where Debian's package installs the registry. */
  public static final Path DEFAULT_BINARY = Path.of("/usr/bin/docker-registry");

  /** A system property naming the registry binary, when it is not {@link #DEFAULT_BINARY}. */
  public static final String BINARY_PROPERTY = "hm.dockerRegistry";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final int START_ATTEMPTS = 3;

  private final Path folder;
  private final boolean ownFolder;
  private final Process process;
  private final int port;
  private final RegistryPush push;

  private ContainerRegistry(Path folder, boolean ownFolder, Process process, int port) {
    this.folder = folder;
    this.ownFolder = ownFolder;
    this.process = process;
    this.port = port;
    this.push = new RegistryPush(URI.create("http://" + hostPort()));
  }

  /** A registry storing under a temporary folder of its own, removed on {@link #close()}. */
  public static ContainerRegistry start() {
    try {
      return start(Files.createTempDirectory("hm-registry-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a folder for the registry", e);
    }
  }

  /** A registry keeping its configuration, storage and log under {@code folder}. */
  public static ContainerRegistry start(Path folder) {
    return start(folder, false);
  }

  private static ContainerRegistry start(Path folder, boolean ownFolder) {
    Path binary = Path.of(System.getProperty(BINARY_PROPERTY, DEFAULT_BINARY.toString()));
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          binary
              + " is not there: install Debian's docker-registry package (apt-get install"
              + " docker-registry), or name the binary with -D"
              + BINARY_PROPERTY);
    }
    IllegalStateException last = null;
    // A free port may be taken between our look and the registry's bind: try another.
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = freePort();
      Process process = launch(binary, folder, port);
      try {
        awaitListening(process, port, folder);
        return new ContainerRegistry(folder, ownFolder, process, port);
      } catch (IllegalStateException e) {
        stop(process);
        last = e;
      }
    }
    throw last;
  }

  /** {@code 127.0.0.1:<port>}: the registry part of an image name. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI url() {
    return URI.create("http://" + hostPort());
  }

  /**
   * The name of image {@code repository} in this registry, e.g. {@code 127.0.0.1:5000/apps/web}.
   */
  public String image(String repository) {
    return hostPort() + "/" + repository;
  }

  /**
   * The URL of a HelmRepository of {@code type: oci} whose charts live under {@code path} here: it
   * needs {@code insecure: true}, as the registry speaks plain HTTP.
   */
  public String ociUrl(String path) {
    return "oci://" + hostPort() + "/" + path;
  }

  /**
   * Pushes a small image (an OCI image manifest, its config and one empty layer) as {@code
   * repository:tag}; a tag pushed again moves to the new manifest.
   *
   * @return the manifest's digest, {@code sha256:<64 hex>}
   */
  public String pushImage(String repository, String tag) {
    return push.image(repository, tag);
  }

  /**
   * Pushes Helm chart {@code name} at {@code version} as {@code helm push} does to {@code
   * oci://<host>/<path>}: repository {@code <path>/<name>}, tagged with the version ('+' written
   * '_'), config of media type {@code application/vnd.cncf.helm.config.v1+json} and the chart's
   * tarball as its layer.
   *
   * @return the manifest's digest
   */
  public String pushChart(String path, String name, String version) {
    return push.chart(path, name, version);
  }

  /** The tags of {@code repository}, as the registry lists them; empty for an unknown one. */
  public List<String> tags(String repository) {
    return push.tags(repository);
  }

  /** Where the registry keeps its configuration, storage and log. */
  Path folder() {
    return folder;
  }

  /** The registry's log, for a failing test's message. */
  public String log() {
    try {
      return Files.readString(folder.resolve("registry.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the registry; its own temporary folder is removed. */
  @Override
  public void close() {
    stop(process);
    if (ownFolder) {
      try (Stream<Path> paths = Files.walk(folder)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + folder, e);
      }
    }
  }

  private static Process launch(Path binary, Path folder, int port) {
    try {
      Files.createDirectories(folder.resolve("storage"));
      Path config = folder.resolve("config.yml");
      Files.writeString(config, configuration(folder.resolve("storage"), port));
      return new ProcessBuilder(binary.toString(), "serve", config.toString())
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
  }

  /**
   * The registry's configuration: filesystem storage served as is (no redirects to a storage
   * backend), no background upload purging or storage health checks, access logs off.
   */
  private static String configuration(Path storage, int port) {
    return """
        version: 0.1
        log:
          level: info
          accesslog:
            disabled: true
        storage:
          filesystem:
            rootdirectory: %s
          redirect:
            disable: true
          maintenance:
            uploadpurging:
              enabled: false
        http:
          addr: 127.0.0.1:%d
          secret: %s
        health:
          storagedriver:
            enabled: false
        """
        .formatted(storage, port, HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
  }

  /**
   * Waits until the registry logs that it listens (read from its output as it writes it, which is
   * copied to {@code registry.log} for as long as it runs) and answers {@code GET /v2/}.
   *
   * @throws IllegalStateException with the log when it exits first or takes too long
   */
  private static void awaitListening(Process process, int port, Path folder) {
    CompletableFuture<Boolean> listening = new CompletableFuture<>();
    Thread copier =
        new Thread(
            () -> copyOutput(process, folder.resolve("registry.log"), listening),
            "registry-log-" + port);
    copier.setDaemon(true);
    copier.start();
    boolean up;
    try {
      up = listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the registry started", e);
    } catch (ExecutionException | TimeoutException e) {
      up = false;
    }
    if (!up || !answersV2(port)) {
      throw new IllegalStateException(
          "the registry did not start on 127.0.0.1:" + port + "; its log:\n" + readLog(folder));
    }
  }

  private static void copyOutput(Process process, Path log, CompletableFuture<Boolean> listening) {
    try (BufferedReader output =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        writer.write(line);
        writer.write('\n');
        writer.flush();
        if (line.contains("listening on")) {
          listening.complete(true);
        }
      }
    } catch (IOException e) {
      // The process is gone; whoever waits learns it below.
    }
    listening.complete(false);
  }

  private static boolean answersV2(int port) {
    try {
      HttpResponse<Void> answer =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return answer.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String readLog(Path folder) {
    try {
      return Files.readString(folder.resolve("registry.log"));
    } catch (IOException e) {
      return "(none)";
    }
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
