package io.harbormaster.sandbox.apiserver;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The API server {@code hm.apiServer} names (the mock unless it says {@code real}) for each test,
 * with the test's namespaces created as a user would create them first; left empty after the test.
 *
 * <pre>{@code @RegisterExtension final TestApiServer api = new TestApiServer("db");}</pre>
 */
public final class TestApiServer implements BeforeEachCallback, AfterEachCallback {
  private final List<String> namespaces;
  private SandboxApiServer server;
  private KubernetesClient client;

  public TestApiServer(String... namespaces) {
    this.namespaces = List.of(namespaces);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server = SandboxApiServer.start(ApiServerKind.fromSystemProperties());
    client = server.newClient("test");
    for (String namespace : namespaces) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .createOr(NonDeletingOperation::update);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    client.close();
    server.close();
  }

  /** The administrator's client of this test's API server. */
  public KubernetesClient client() {
    return client;
  }
}
