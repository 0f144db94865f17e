package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.core.model.ObjectRef;
import java.util.Optional;

/**
 * The app's queue ({@link io.harbormaster.core.queue.AppQueue}) read from its requests in the
 * cluster.
 */
public final class AppLock {
  private final KubernetesClient client;

  public AppLock(KubernetesClient client) {
    this.client = client;
  }

  /** What {@code request} waits for, if anything. */
  public Optional<String> blocker(CustomResource<?, OperationStatus> request, ObjectRef app) {
    return AppRequests.of(client, app).queue().blocker(AppRequests.queued(request));
  }

  /**
   * What {@code request}, run by {@code hm --local}, waits for ({@link
   * io.harbormaster.core.queue.AppQueue#blockerOfALocalRun}).
   */
  public Optional<String> blockerOfALocalRun(
      CustomResource<?, OperationStatus> request, ObjectRef app) {
    return AppRequests.of(client, app).queue().blockerOfALocalRun(AppRequests.queued(request));
  }
}
