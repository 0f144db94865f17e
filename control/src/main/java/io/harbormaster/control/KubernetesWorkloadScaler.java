package io.harbormaster.control;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.port.WorkloadScaler;
import io.harbormaster.kubernetes.ConflictRetry;
import io.harbormaster.kubernetes.ObjectNotFoundException;
import io.harbormaster.kubernetes.ScalableWorkloads;
import java.net.HttpURLConnection;
import java.util.Objects;

/** {@link WorkloadScaler} over Deployments and StatefulSets, through their scale subresource. */
public final class KubernetesWorkloadScaler implements WorkloadScaler {
  private final KubernetesClient client;

  public KubernetesWorkloadScaler(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Sets {@code spec.replicas} through the scale subresource, which a real API server and the mock
   * both serve and which touches nothing else of the spec.
   */
  @Override
  public void scale(WorkloadRef ref, int replicas) {
    if (replicas < 0) {
      throw new IllegalArgumentException(
          "replicas for " + ref + " must be 0 or more, was " + replicas);
    }
    var workload =
        ScalableWorkloads.named(
            client, ref.kind().kind(), ref.object().namespace(), ref.object().name());
    try {
      ConflictRetry.run("scaling " + ref + " to " + replicas, () -> workload.scale(replicas));
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        throw new ObjectNotFoundException(
            ref.kind().kind(), ref.object(), ref.kind().missingHint());
      }
      throw e;
    }
  }
}
