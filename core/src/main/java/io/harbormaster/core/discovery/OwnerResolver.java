package io.harbormaster.core.discovery;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadKind;
import io.harbormaster.core.model.WorkloadRef;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds the Deployment or StatefulSet that controls a pod by following controller owner references:
 * Pod to StatefulSet, or Pod to ReplicaSet to Deployment. Those are the owners Harbormaster can
 * scale down; anything else (a bare pod, a Job, a ReplicaSet of its own) it cannot stop.
 */
public final class OwnerResolver {
  private final Map<ObjectRef, ReplicaSetInfo> replicaSets;

  public OwnerResolver(Collection<ReplicaSetInfo> replicaSets) {
    this.replicaSets =
        replicaSets.stream()
            .collect(Collectors.toMap(ReplicaSetInfo::ref, Function.identity(), (a, b) -> a));
  }

  public Optional<WorkloadRef> workloadOf(PodInfo pod) {
    return Optional.ofNullable(resolve(pod).workload());
  }

  /** Why a pod has no workload, for an error message: {@code it is owned by Job db/backup}. */
  public String whyUnowned(PodInfo pod) {
    return resolve(pod).explanation();
  }

  private Resolution resolve(PodInfo pod) {
    String namespace = pod.ref().namespace();
    Optional<OwnerLink> controller = pod.controller();
    if (controller.isEmpty()) {
      return Resolution.unowned("it has no controller owner");
    }
    OwnerLink owner = controller.get();
    if (is(owner, WorkloadKind.STATEFULSET)) {
      return Resolution.of(WorkloadRef.statefulSet(namespace, owner.name()));
    }
    if (!"apps".equals(owner.group()) || !"ReplicaSet".equals(owner.kind())) {
      return Resolution.unowned(
          "it is owned by " + owner.kind() + " " + namespace + "/" + owner.name());
    }
    ObjectRef replicaSetRef = ObjectRef.of(namespace, owner.name());
    ReplicaSetInfo replicaSet = replicaSets.get(replicaSetRef);
    if (replicaSet == null) {
      return Resolution.unowned("its ReplicaSet " + replicaSetRef + " does not exist");
    }
    return replicaSet
        .controller()
        .filter(rsOwner -> is(rsOwner, WorkloadKind.DEPLOYMENT))
        .map(deployment -> Resolution.of(WorkloadRef.deployment(namespace, deployment.name())))
        .orElseGet(
            () ->
                Resolution.unowned(
                    "its ReplicaSet " + replicaSetRef + " belongs to no Deployment"));
  }

  private static boolean is(OwnerLink owner, WorkloadKind kind) {
    return kind.group().equals(owner.group()) && kind.kind().equals(owner.kind());
  }

  private record Resolution(WorkloadRef workload, String explanation) {
    static Resolution of(WorkloadRef workload) {
      return new Resolution(workload, "it belongs to " + workload);
    }

    static Resolution unowned(String explanation) {
      return new Resolution(null, explanation);
    }
  }
}
