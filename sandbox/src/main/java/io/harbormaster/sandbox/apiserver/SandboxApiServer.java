package io.harbormaster.sandbox.apiserver;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.Optional;

/**
 * The API server under one sandbox: a fresh mock server of its own, or the JVM's shared {@link
 * RealApiServer}, which {@link #close()} leaves empty for the next sandbox ({@link ClusterWipe}).
 * Everything above it (simulated controllers, the operator, tests) talks to it through clients from
 * {@link #newClient} and cannot tell which it is, except by what the real one refuses.
 */
public final class SandboxApiServer implements AutoCloseable {
  private final ApiServerKind kind;
  private final Config adminConfig;
  private final KubernetesMockServer mock;
  private final RealApiServer real;

  private SandboxApiServer(
      ApiServerKind kind, Config adminConfig, KubernetesMockServer mock, RealApiServer real) {
    this.kind = kind;
    this.adminConfig = adminConfig;
    this.mock = mock;
    this.real = real;
  }

  public static SandboxApiServer start(ApiServerKind kind) {
    if (kind == ApiServerKind.REAL) {
      RealApiServer server = RealApiServer.shared();
      return new SandboxApiServer(kind, server.adminConfig(), null, server);
    }
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new SandboxDispatcher(), false);
    server.init();
    Config config;
    try (KubernetesClient client = server.createClient()) {
      config = client.getConfiguration();
    }
    return new SandboxApiServer(kind, config, server, null);
  }

  public ApiServerKind kind() {
    return kind;
  }

  /**
   * A new administrator's client that names itself {@code userAgent} (tests tell callers apart by
   * it).
   */
  public KubernetesClient newClient(String userAgent) {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(adminConfig).withUserAgent(userAgent).build())
        .build();
  }

  /**
   * How an administrator reaches the server: its address and credentials, e.g. for a kubeconfig.
   */
  public Config adminConfig() {
    return new ConfigBuilder(adminConfig).build();
  }

  /** The server's address, for a kubeconfig. */
  public String url() {
    return adminConfig.getMasterUrl();
  }

  /** The mock server, to read the requests it recorded; empty on a real one. */
  public Optional<KubernetesMockServer> mock() {
    return Optional.ofNullable(mock);
  }

  /** The real server, to restart it or read its audit log; empty on the mock. */
  public Optional<RealApiServer> real() {
    return Optional.ofNullable(real);
  }

  @Override
  public void close() {
    if (mock != null) {
      mock.destroy();
    } else {
      try (KubernetesClient admin = newClient("sandbox-wipe")) {
        ClusterWipe.wipe(admin);
      }
    }
  }
}
