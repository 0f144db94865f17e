package io.harbormaster.sandbox.apiserver;

import io.fabric8.kubeapitest.KubeAPIServerConfig;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.binary.BinaryManager;
import io.fabric8.kubeapitest.cert.CertManager;
import io.fabric8.kubeapitest.process.EtcdProcess;
import io.fabric8.kubeapitest.process.KubeAPIServerProcess;
import io.fabric8.kubeapitest.process.UnexpectedProcessStopHandler;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real kube-apiserver with its etcd, started from the binaries fabric8's kube-api-test finds (or
 * downloads) under {@code ~/.kubeapitest} or {@code KUBE_API_TEST_DIR}. RBAC is on; {@link
 * #adminConfig()} is a system:masters client. Clients reach it through a loopback proxy, so {@link
 * #restart()} can kill the API server process and start a new one on the same etcd while clients
 * keep their address. Every request is written to an audit log ({@link #auditFromNow()}), which is
 * how tests see which calls a user made and which the server refused.
 */
public final class RealApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RealApiServer.class);
  private static final String AUDIT_POLICY =
      """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: ["RequestReceived"]
      rules:
        - level: Metadata
      """;

  private final KubeAPIServerConfig config;
  private final BinaryManager binaries;
  private final CertManager certificates;
  private final EtcdProcess etcd;
  private final int etcdPort;
  private final LoopbackProxy proxy;
  private final Path auditLog;
  private KubeAPIServerProcess apiServer;

  private static RealApiServer shared;

  private RealApiServer(
      KubeAPIServerConfig config,
      BinaryManager binaries,
      CertManager certificates,
      EtcdProcess etcd,
      int etcdPort,
      Path auditLog) {
    this.config = config;
    this.binaries = binaries;
    this.certificates = certificates;
    this.etcd = etcd;
    this.etcdPort = etcdPort;
    this.auditLog = auditLog;
    this.apiServer = startApiServer();
    this.proxy = LoopbackProxy.start(apiServer.getApiServerPort());
  }

  /**
   * Whether the binaries are laid out on this machine (a start would not need to download them).
   */
  public static boolean installed() {
    try {
      new BinaryManager(config(List.of(), true)).initAndDownloadIfRequired();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Starts etcd and the API server and waits until the server is ready (about 5 s here). */
  public static RealApiServer start() {
    try {
      Path work = Files.createTempDirectory("hm-kube-apiserver");
      Path policy = Files.writeString(work.resolve("audit-policy.yaml"), AUDIT_POLICY);
      Path auditLog = work.resolve("audit.log");
      KubeAPIServerConfig config =
          config(
              List.of(
                  "--audit-policy-file=" + policy,
                  "--audit-log-path=" + auditLog,
                  "--bind-address=127.0.0.1"),
              false);
      BinaryManager binaries = new BinaryManager(config);
      binaries.initAndDownloadIfRequired();
      CertManager certificates = new CertManager(config.getKubeAPITestDir());
      return whileNoOtherJvmStartsOne(
          config,
          () -> {
            certificates.createCertificatesIfNeeded();
            EtcdProcess etcd =
                new EtcdProcess(binaries, unexpectedStop("etcd"), true, config.getStartupTimeout());
            return new RealApiServer(
                config, binaries, certificates, etcd, etcd.startEtcd(), auditLog);
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One server for the whole JVM, started on first use and stopped when the JVM exits: starting one
   * takes seconds, so tests share it and each cleans up what it created.
   */
  public static synchronized RealApiServer shared() {
    if (shared == null) {
      RealApiServer server = start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "kube-apiserver-stop"));
      shared = server;
    }
    return shared;
  }

  /** A client configuration of the cluster's administrator (system:masters). */
  public Config adminConfig() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withCaCertFile(certificates.getAPIServerCertPath())
        .withClientCertFile(certificates.getClientCertPath())
        .withClientKeyFile(certificates.getClientKeyPath())
        .withNamespace("default")
        .build();
  }

  /**
   * A client configuration that authenticates with {@code bearerToken} alone, e.g. a
   * ServiceAccount's.
   */
  public Config tokenConfig(String bearerToken) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withCaCertFile(certificates.getAPIServerCertPath())
        .withOauthToken(bearerToken)
        .withNamespace("default")
        .build();
  }

  /** The address clients use; it stays the same across {@link #restart()}. */
  public String url() {
    return "https://127.0.0.1:" + proxy.port();
  }

  /** The requests the server answers from now on, as its audit log records them. */
  public AuditLog auditFromNow() {
    return AuditLog.from(auditLog);
  }

  /**
   * Kills the API server process (etcd keeps the cluster's state), drops every open connection and
   * starts a new API server; returns once it is ready. Clients see their watches and requests fail
   * and must reconnect, as when a control plane node restarts.
   */
  public synchronized void restart() {
    apiServer.stopApiServer();
    proxy.cutConnections();
    apiServer = whileNoOtherJvmStartsOne(config, this::startApiServer);
    proxy.forwardTo(apiServer.getApiServerPort());
  }

  @Override
  public synchronized void close() {
    proxy.close();
    apiServer.stopApiServer();
    etcd.stopEtcd();
    etcd.cleanEtcdData();
  }

  /**
   * Test JVMs forked side by side (and modules built in parallel) start servers at the same time,
   * and kube-api-test guards only against other threads: it writes the certificates into the folder
   * every JVM shares, and picks etcd's and the API server's ports as free ones some moments before
   * the processes bind them, so two starts can take the same port. One start at a time, across
   * JVMs, until its server is ready and holds its ports.
   */
  private static <T> T whileNoOtherJvmStartsOne(KubeAPIServerConfig config, Supplier<T> start) {
    Path folder = Path.of(config.getKubeAPITestDir());
    try {
      Files.createDirectories(folder);
      try (FileChannel channel =
              FileChannel.open(
                  folder.resolve("hm-start.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        return start.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private KubeAPIServerProcess startApiServer() {
    KubeAPIServerProcess process =
        new KubeAPIServerProcess(certificates, binaries, unexpectedStop("kube-apiserver"), config);
    process.startApiServer(etcdPort);
    process.waitUntilReady();
    return process;
  }

  private static KubeAPIServerConfig config(List<String> flags, boolean offline) {
    return KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withApiServerFlags(flags)
        .withOfflineMode(offline)
        .build();
  }

  private static UnexpectedProcessStopHandler unexpectedStop(String name) {
    return process -> LOG.error("{} exited unexpectedly with code {}", name, process.exitValue());
  }
}
