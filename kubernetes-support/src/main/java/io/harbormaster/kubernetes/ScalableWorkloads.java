package io.harbormaster.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;

/**
 * Deployments and StatefulSets by kind name, through the resource that reads them and serves their
 * scale subresource, for the adapters that read workloads and those that scale them.
 */
public final class ScalableWorkloads {
  private ScalableWorkloads() {}

  /**
   * @param kind {@code Deployment} or {@code StatefulSet}
   */
  public static RollableScalableResource<? extends HasMetadata> named(
      KubernetesClient client, String kind, String namespace, String name) {
    return switch (kind) {
      case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(name);
      case "StatefulSet" -> client.apps().statefulSets().inNamespace(namespace).withName(name);
      default -> throw new IllegalArgumentException("not a scalable workload kind: " + kind);
    };
  }
}
