package io.harbormaster.kubernetes;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until an API server serves the resources of a CRD just created: a real one answers 404 for
 * them until the CRD is Established, a moment later, so an object created at once would be refused.
 */
public final class CrdsServed {
  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final Duration RETRY = Duration.ofMillis(50);

  private CrdsServed() {}

  /**
   * @throws IllegalStateException when the resources are still not served after 30 s
   */
  public static void await(KubernetesClient client, CustomResourceDefinition crd) {
    // By the CRD's own coordinates: fabric8 cannot discover a kind the server does not serve yet.
    ResourceDefinitionContext resources = CustomResourceDefinitionContext.fromCrd(crd);
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (true) {
      try {
        client
            .genericKubernetesResources(resources)
            .inAnyNamespace()
            .list(new ListOptionsBuilder().withLimit(1L).build());
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
          throw e;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the API server did not serve " + crd.getMetadata().getName() + " within " + LIMIT,
              e);
        }
      }
      // Nothing to watch for this: Established is a condition of the CRD, but serving follows it by
      // a moment, and the mock API server sets no conditions at all. The delay is milliseconds.
      LockSupport.parkNanos(RETRY.toNanos());
    }
  }
}
