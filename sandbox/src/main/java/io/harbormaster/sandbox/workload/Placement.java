package io.harbormaster.sandbox.workload;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Plays the scheduler for the pods the controllers create: a pod goes to the schedulable Node (not
 * cordoned) with the fewest pods, ties by name, by setting {@code spec.nodeName} at creation, which
 * both API servers accept without a scheduler. With no Node at all, the pod stays unplaced (many
 * sandboxes start none); with only cordoned ones, too, where a real one would stay Pending.
 */
final class Placement {
  private final KubernetesClient client;

  Placement(KubernetesClient client) {
    this.client = client;
  }

  /** {@code pod}, placed on a node unless its template named one or none is schedulable. */
  Pod place(Pod pod) {
    if (pod.getSpec().getNodeName() == null) {
      leastBusyNode().ifPresent(node -> pod.getSpec().setNodeName(node));
    }
    return pod;
  }

  private Optional<String> leastBusyNode() {
    Map<String, Long> podsPerNode =
        client.pods().inAnyNamespace().list().getItems().stream()
            .filter(pod -> !Pods.terminating(pod) && pod.getSpec().getNodeName() != null)
            .collect(
                Collectors.groupingBy(pod -> pod.getSpec().getNodeName(), Collectors.counting()));
    return client.nodes().list().getItems().stream()
        .filter(
            node ->
                node.getSpec() == null || !Boolean.TRUE.equals(node.getSpec().getUnschedulable()))
        .map(node -> node.getMetadata().getName())
        .min(
            Comparator.comparing((String node) -> podsPerNode.getOrDefault(node, 0L))
                .thenComparing(Function.identity()));
  }
}
