package io.harbormaster.sandbox.workload;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.harbormaster.sandbox.workload.ReconcileLoop.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Plays the Deployment controller: one ReplicaSet per pod template ({@code <deployment>-<hash>}),
 * owned by the Deployment, whose pods it creates and deletes to match {@code spec.replicas}; older
 * ReplicaSets go to zero (a recreate rollout); new pods go on a node ({@link Placement}). Writes
 * the Deployment's status from its pods, and deletes the ReplicaSets and pods of a deleted
 * Deployment, as the garbage collector would.
 */
public final class DeploymentController implements AutoCloseable {
  static final String TEMPLATE_HASH_LABEL = "pod-template-hash";

  private final KubernetesClient client;
  private final Placement placement;
  private final ReconcileLoop loop;

  private DeploymentController(KubernetesClient client) {
    this.client = client;
    this.placement = new Placement(client);
    this.loop = new ReconcileLoop("deployment", this::reconcile);
    SharedIndexInformer<ReplicaSet> replicaSets =
        client.apps().replicaSets().inAnyNamespace().runnableInformer(0);
    loop.watch(
        client.apps().deployments().inAnyNamespace().runnableInformer(0),
        deployment -> List.of(Key.of(deployment)));
    loop.watch(replicaSets, DeploymentController::deploymentOf);
    loop.watch(
        client.pods().inAnyNamespace().runnableInformer(0),
        pod ->
            Ownership.controller(pod)
                .filter(ref -> "ReplicaSet".equals(ref.getKind()))
                .map(
                    ref ->
                        replicaSets
                            .getStore()
                            .getByKey(pod.getMetadata().getNamespace() + "/" + ref.getName()))
                .map(DeploymentController::deploymentOf)
                .orElse(List.of()));
  }

  /** Starts the controller on every namespace; returns once it has seen what exists. */
  public static DeploymentController start(KubernetesClient client) {
    DeploymentController controller =
        new DeploymentController(Objects.requireNonNull(client, "client"));
    controller.loop.start();
    return controller;
  }

  @Override
  public void close() {
    loop.close();
  }

  private static List<Key> deploymentOf(ReplicaSet replicaSet) {
    return Optional.ofNullable(replicaSet)
        .flatMap(Ownership::controller)
        .filter(ref -> "Deployment".equals(ref.getKind()))
        .map(ref -> List.of(new Key(replicaSet.getMetadata().getNamespace(), ref.getName())))
        .orElse(List.of());
  }

  private void reconcile(Key key) {
    Deployment deployment =
        client.apps().deployments().inNamespace(key.namespace()).withName(key.name()).get();
    List<ReplicaSet> owned =
        client.apps().replicaSets().inNamespace(key.namespace()).list().getItems().stream()
            .filter(rs -> Ownership.controlledBy(rs, "Deployment", key.name()))
            .collect(Collectors.toList());
    List<Pod> pods = client.pods().inNamespace(key.namespace()).list().getItems();
    if (deployment == null) {
      owned.forEach(rs -> deleteWithPods(rs, pods));
      return;
    }
    String hash = Pods.templateHash(deployment.getSpec().getTemplate());
    int desired = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
    String currentName = key.name() + "-" + hash;
    List<ReplicaSet> replicaSets = new ArrayList<>(owned);
    if (replicaSets.stream().noneMatch(rs -> rs.getMetadata().getName().equals(currentName))) {
      replicaSets.add(createReplicaSet(deployment, currentName, hash, desired));
    }
    int replicas = 0;
    int ready = 0;
    int updated = 0;
    for (ReplicaSet replicaSet : replicaSets) {
      boolean current = replicaSet.getMetadata().getName().equals(currentName);
      List<Pod> live = scale(replicaSet, ownedLivePods(replicaSet, pods), current ? desired : 0);
      replicas += live.size();
      ready += (int) live.stream().filter(Pods::ready).count();
      updated += current ? live.size() : 0;
    }
    writeStatus(
        deployment,
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .withUpdatedReplicas(updated)
            .build());
  }

  private ReplicaSet createReplicaSet(
      Deployment deployment, String name, String hash, int replicas) {
    return client
        .apps()
        .replicaSets()
        .inNamespace(deployment.getMetadata().getNamespace())
        .resource(
            new ReplicaSetBuilder()
                .withNewMetadata()
                .withNamespace(deployment.getMetadata().getNamespace())
                .withName(name)
                .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .addToLabels(TEMPLATE_HASH_LABEL, hash)
                .withOwnerReferences(Ownership.controllerReference(deployment))
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withSelector(
                    new LabelSelectorBuilder(deployment.getSpec().getSelector())
                        .addToMatchLabels(TEMPLATE_HASH_LABEL, hash)
                        .build())
                .withTemplate(
                    new PodTemplateSpecBuilder(deployment.getSpec().getTemplate())
                        .editOrNewMetadata()
                        .addToLabels(TEMPLATE_HASH_LABEL, hash)
                        .endMetadata()
                        .build())
                .endSpec()
                .build())
        .create();
  }

  /** Brings the ReplicaSet to {@code replicas} pods; returns its live pods afterwards. */
  private List<Pod> scale(ReplicaSet replicaSet, List<Pod> live, int replicas) {
    if (!Objects.equals(replicaSet.getSpec().getReplicas(), replicas)) {
      replicaSet.getSpec().setReplicas(replicas);
      client.apps().replicaSets().resource(replicaSet).update();
    }
    List<Pod> after = new ArrayList<>(live);
    after.sort(Pods.LEAST_USEFUL_FIRST);
    while (after.size() > replicas) {
      client.pods().resource(after.remove(0)).delete();
    }
    while (after.size() < replicas) {
      Pod pod =
          Pods.fromTemplate(
              replicaSet.getSpec().getTemplate(),
              replicaSet,
              replicaSet.getMetadata().getName() + "-" + Pods.randomSuffix(),
              Map.of(),
              List.of());
      after.add(client.pods().resource(placement.place(pod)).create());
    }
    return after;
  }

  private static List<Pod> ownedLivePods(ReplicaSet replicaSet, List<Pod> pods) {
    return pods.stream()
        .filter(
            pod -> Ownership.controlledBy(pod, "ReplicaSet", replicaSet.getMetadata().getName()))
        .filter(pod -> !Pods.terminating(pod))
        .collect(Collectors.toList());
  }

  private void deleteWithPods(ReplicaSet replicaSet, List<Pod> pods) {
    pods.stream()
        .filter(
            pod -> Ownership.controlledBy(pod, "ReplicaSet", replicaSet.getMetadata().getName()))
        .filter(pod -> !Pods.terminating(pod))
        .forEach(pod -> client.pods().resource(pod).delete());
    client.apps().replicaSets().resource(replicaSet).delete();
  }

  private void writeStatus(Deployment deployment, DeploymentStatus status) {
    DeploymentStatus old = deployment.getStatus();
    if (old != null
        && Objects.equals(old.getObservedGeneration(), status.getObservedGeneration())
        && Objects.equals(old.getReplicas(), status.getReplicas())
        && Objects.equals(old.getReadyReplicas(), status.getReadyReplicas())
        && Objects.equals(old.getUpdatedReplicas(), status.getUpdatedReplicas())) {
      return;
    }
    deployment.setStatus(status);
    client.apps().deployments().resource(deployment).updateStatus();
  }
}
