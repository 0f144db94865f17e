package io.harbormaster.sandbox.apiserver;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.harbormaster.sandbox.flux.SimulatedFlux;
import io.harbormaster.sandbox.storage.VolumeSnapshotCrd;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh fabric8 mock API server per test, in CRUD mode, that also answers registered expectations
 * first (for faults such as a 409), with the Flux and VolumeSnapshot CRDs installed. For adapter
 * tests that read the requests an adapter sent or make the server fail; others use {@link
 * TestApiServer}.
 */
public final class MockCluster implements BeforeEachCallback, AfterEachCallback {
  private KubernetesMockServer server;
  private NamespacedKubernetesClient client;

  @Override
  public void beforeEach(ExtensionContext context) {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            expectations,
            new KubernetesMixedDispatcher(expectations),
            false);
    server.init();
    client = server.createClient();
    SimulatedFlux.installCrds(client);
    VolumeSnapshotCrd.install(client);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    client.close();
    server.destroy();
  }

  public KubernetesMockServer server() {
    return server;
  }

  public NamespacedKubernetesClient client() {
    return client;
  }

  /** Every request the server received since the last call, oldest first. */
  public List<RecordedRequest> takeRequests() {
    List<RecordedRequest> requests = new ArrayList<>();
    try {
      for (RecordedRequest request = server.takeRequest(0, TimeUnit.MILLISECONDS);
          request != null;
          request = server.takeRequest(0, TimeUnit.MILLISECONDS)) {
        requests.add(request);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return requests;
  }
}
