package io.harbormaster.sandbox.workload;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;

/**
 * The simulated workload controllers together: Deployments, StatefulSets and the kubelet. Close it
 * to stop them all.
 *
 * <pre>{@code
 * try (WorkloadSimulation workloads = WorkloadSimulation.start(client, Set.of("15.1-broken"))) {
 *   // create Deployments and StatefulSets; their pods appear and get Ready
 * }
 * }</pre>
 */
public final class WorkloadSimulation implements AutoCloseable {
  private final Kubelet kubelet;
  private final DeploymentController deployments;
  private final StatefulSetController statefulSets;

  private WorkloadSimulation(
      Kubelet kubelet, DeploymentController deployments, StatefulSetController statefulSets) {
    this.kubelet = kubelet;
    this.deployments = deployments;
    this.statefulSets = statefulSets;
  }

  /** Every pod gets Ready. */
  public static WorkloadSimulation start(KubernetesClient client) {
    return start(client, Set.of());
  }

  /** Pods running an image with one of {@code brokenTags} never get Ready. */
  public static WorkloadSimulation start(KubernetesClient client, Set<String> brokenTags) {
    Kubelet kubelet = Kubelet.start(client, brokenTags);
    return new WorkloadSimulation(
        kubelet, DeploymentController.start(client), StatefulSetController.start(client));
  }

  @Override
  public void close() {
    statefulSets.close();
    deployments.close();
    kubelet.close();
  }
}
