package io.harbormaster.sandbox.workload;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.sandbox.workload.ReconcileLoop.Key;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plays the kubelet: runs every pod at once and reports it Ready, except a pod with a container
 * whose image tag is one of the broken tags, which crash-loops and never gets Ready (an upgrade to
 * a bad version). A terminating pod (deleted, held by a finalizer) is reported not Ready.
 */
public final class Kubelet implements AutoCloseable {
  private final KubernetesClient client;
  private final Set<String> brokenTags;
  private final ReconcileLoop loop;

  private Kubelet(KubernetesClient client, Set<String> brokenTags) {
    this.client = client;
    this.brokenTags = Set.copyOf(brokenTags);
    this.loop = new ReconcileLoop("kubelet", this::reconcile);
    loop.watch(client.pods().inAnyNamespace().runnableInformer(0), pod -> List.of(Key.of(pod)));
  }

  /** Starts the kubelet for pods of every namespace; returns once it has seen what exists. */
  public static Kubelet start(KubernetesClient client, Set<String> brokenTags) {
    Kubelet kubelet = new Kubelet(Objects.requireNonNull(client, "client"), brokenTags);
    kubelet.loop.start();
    return kubelet;
  }

  @Override
  public void close() {
    loop.close();
  }

  /** The tag of an image reference: after the last ':' of its last path part, before any digest. */
  static String tagOf(String image) {
    String reference = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    String lastPart = reference.substring(reference.lastIndexOf('/') + 1);
    int colon = lastPart.lastIndexOf(':');
    return colon < 0 ? "latest" : lastPart.substring(colon + 1);
  }

  private void reconcile(Key key) {
    Pod pod = client.pods().inNamespace(key.namespace()).withName(key.name()).get();
    if (pod == null) {
      return;
    }
    if (stoppedOnItsNode(pod)) {
      return;
    }
    boolean ready =
        !Pods.terminating(pod) && pod.getSpec().getContainers().stream().noneMatch(this::broken);
    if (pod.getStatus() != null
        && "Running".equals(pod.getStatus().getPhase())
        && Pods.ready(pod) == ready) {
      return;
    }
    pod.setStatus(status(pod, ready));
    client.pods().resource(pod).updateStatus();
  }

  /**
   * A real API server keeps a deleted pod bound to a node until that node's kubelet confirms its
   * containers stopped (a delete with grace period 0); the simulated containers stop at once. A
   * finalizer still holds the pod after that.
   */
  private boolean stoppedOnItsNode(Pod pod) {
    Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
    if (!Pods.terminating(pod)
        || pod.getSpec().getNodeName() == null
        || grace == null
        || grace == 0) {
      return false;
    }
    client.pods().resource(pod).withGracePeriod(0).delete();
    return true;
  }

  private boolean broken(Container container) {
    return container.getImage() != null && brokenTags.contains(tagOf(container.getImage()));
  }

  private PodStatus status(Pod pod, boolean ready) {
    String value = ready ? "True" : "False";
    List<ContainerStatus> containers =
        pod.getSpec().getContainers().stream()
            .map(
                container -> {
                  ContainerStatusBuilder status =
                      new ContainerStatusBuilder()
                          .withName(container.getName())
                          .withImage(container.getImage())
                          .withReady(ready)
                          .withStarted(ready);
                  return broken(container)
                      ? status
                          .withNewState()
                          .withNewWaiting()
                          .withReason("CrashLoopBackOff")
                          .withMessage(
                              "simulated: image tag " + tagOf(container.getImage()) + " is broken")
                          .endWaiting()
                          .endState()
                          .build()
                      : status.withNewState().withNewRunning().endRunning().endState().build();
                })
            .collect(Collectors.toList());
    return new PodStatusBuilder()
        .withPhase("Running")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("True")
        .endCondition()
        .addNewCondition()
        .withType("ContainersReady")
        .withStatus(value)
        .endCondition()
        .addNewCondition()
        .withType("Ready")
        .withStatus(value)
        .endCondition()
        .withContainerStatuses(containers)
        .build();
  }
}
