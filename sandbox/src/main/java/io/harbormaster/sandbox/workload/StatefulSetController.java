package io.harbormaster.sandbox.workload;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.sandbox.workload.ReconcileLoop.Key;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Plays the StatefulSet controller: pods {@code <set>-<ordinal>} for ordinals below {@code
 * spec.replicas}, owned by the StatefulSet, each mounting its PVCs {@code
 * <template>-<set>-<ordinal>}, created from {@code volumeClaimTemplates} when missing and kept when
 * the pod or the set goes (Kubernetes' default retention). A pod of an older template is deleted
 * and comes back with the new one once it is gone, maybe on another node ({@link Placement}).
 * Writes the StatefulSet's status from its pods.
 */
public final class StatefulSetController implements AutoCloseable {
  static final String REVISION_LABEL = "controller-revision-hash";
  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";

  private final KubernetesClient client;
  private final Placement placement;
  private final ReconcileLoop loop;

  private StatefulSetController(KubernetesClient client) {
    this.client = client;
    this.placement = new Placement(client);
    this.loop = new ReconcileLoop("statefulset", this::reconcile);
    loop.watch(
        client.apps().statefulSets().inAnyNamespace().runnableInformer(0),
        set -> List.of(Key.of(set)));
    loop.watch(
        client.pods().inAnyNamespace().runnableInformer(0),
        pod ->
            Ownership.controller(pod)
                .filter(ref -> "StatefulSet".equals(ref.getKind()))
                .map(ref -> List.of(new Key(pod.getMetadata().getNamespace(), ref.getName())))
                .orElse(List.of()));
  }

  /** Starts the controller on every namespace; returns once it has seen what exists. */
  public static StatefulSetController start(KubernetesClient client) {
    StatefulSetController controller =
        new StatefulSetController(Objects.requireNonNull(client, "client"));
    controller.loop.start();
    return controller;
  }

  @Override
  public void close() {
    loop.close();
  }

  private void reconcile(Key key) {
    StatefulSet set =
        client.apps().statefulSets().inNamespace(key.namespace()).withName(key.name()).get();
    Map<String, Pod> pods = ownedPods(key);
    if (set == null) {
      pods.values().stream()
          .filter(pod -> !Pods.terminating(pod))
          .forEach(pod -> client.pods().resource(pod).delete());
      return;
    }
    String revision = key.name() + "-" + Pods.templateHash(set.getSpec().getTemplate());
    int desired = Optional.ofNullable(set.getSpec().getReplicas()).orElse(1);
    for (int ordinal = 0; ordinal < desired; ordinal++) {
      String name = key.name() + "-" + ordinal;
      Pod pod = pods.get(name);
      if (pod == null) {
        client.pods().resource(placement.place(newPod(set, name, ordinal, revision))).create();
      } else if (!Pods.terminating(pod)
          && !revision.equals(pod.getMetadata().getLabels().get(REVISION_LABEL))) {
        client.pods().resource(pod).delete();
      }
    }
    pods.values().stream()
        .filter(pod -> !Pods.terminating(pod) && ordinal(pod) >= desired)
        .forEach(pod -> client.pods().resource(pod).delete());

    List<Pod> live =
        ownedPods(key).values().stream()
            .filter(pod -> !Pods.terminating(pod))
            .collect(Collectors.toList());
    int ready = (int) live.stream().filter(Pods::ready).count();
    int updated =
        (int)
            live.stream()
                .filter(pod -> revision.equals(pod.getMetadata().getLabels().get(REVISION_LABEL)))
                .count();
    writeStatus(
        set,
        new StatefulSetStatusBuilder()
            .withObservedGeneration(set.getMetadata().getGeneration())
            .withReplicas(live.size())
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .withCurrentReplicas(updated)
            .withUpdatedReplicas(updated)
            .withCurrentRevision(revision)
            .withUpdateRevision(revision)
            .build());
  }

  private Map<String, Pod> ownedPods(Key key) {
    Map<String, Pod> pods = new LinkedHashMap<>();
    client.pods().inNamespace(key.namespace()).list().getItems().stream()
        .filter(pod -> Ownership.controlledBy(pod, "StatefulSet", key.name()))
        .forEach(pod -> pods.put(pod.getMetadata().getName(), pod));
    return pods;
  }

  private Pod newPod(StatefulSet set, String name, int ordinal, String revision) {
    List<Volume> claims = new ArrayList<>();
    for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
      String claim = template.getMetadata().getName() + "-" + name;
      ensureClaim(set, template, claim);
      claims.add(
          new VolumeBuilder()
              .withName(template.getMetadata().getName())
              .withNewPersistentVolumeClaim()
              .withClaimName(claim)
              .endPersistentVolumeClaim()
              .build());
    }
    return Pods.fromTemplate(
        set.getSpec().getTemplate(),
        set,
        name,
        Map.of(REVISION_LABEL, revision, POD_NAME_LABEL, name),
        claims);
  }

  private void ensureClaim(StatefulSet set, PersistentVolumeClaim template, String name) {
    if (client
            .persistentVolumeClaims()
            .inNamespace(set.getMetadata().getNamespace())
            .withName(name)
            .get()
        != null) {
      return;
    }
    client
        .persistentVolumeClaims()
        .resource(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withNamespace(set.getMetadata().getNamespace())
                .withName(name)
                .withLabels(template.getMetadata().getLabels())
                .addToLabels(set.getSpec().getSelector().getMatchLabels())
                .endMetadata()
                .withSpec(template.getSpec())
                .build())
        .create();
  }

  private static int ordinal(Pod pod) {
    String name = pod.getMetadata().getName();
    return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
  }

  private void writeStatus(StatefulSet set, StatefulSetStatus status) {
    StatefulSetStatus old = set.getStatus();
    if (old != null
        && Objects.equals(old.getObservedGeneration(), status.getObservedGeneration())
        && Objects.equals(old.getReplicas(), status.getReplicas())
        && Objects.equals(old.getReadyReplicas(), status.getReadyReplicas())
        && Objects.equals(old.getUpdatedReplicas(), status.getUpdatedReplicas())
        && Objects.equals(old.getUpdateRevision(), status.getUpdateRevision())) {
      return;
    }
    set.setStatus(status);
    client.apps().statefulSets().resource(set).updateStatus();
  }
}
