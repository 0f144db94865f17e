package io.harbormaster.health;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.health.WorkloadStatus;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.port.WorkloadReader;
import io.harbormaster.kubernetes.ObjectNotFoundException;
import io.harbormaster.kubernetes.ScalableWorkloads;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link WorkloadReader} over Deployments and StatefulSets and the pods that mount volumes. */
public final class KubernetesWorkloadReader implements WorkloadReader {
  private final KubernetesClient client;

  public KubernetesWorkloadReader(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public List<WorkloadStatus> status(Collection<WorkloadRef> refs) {
    return refs.stream().map(this::status).collect(Collectors.toList());
  }

  /** One pod list per namespace, however many of its PVCs are asked about. */
  @Override
  public List<ObjectRef> podsMounting(Collection<ObjectRef> pvcs) {
    Map<String, Set<String>> claimsByNamespace =
        pvcs.stream()
            .collect(
                Collectors.groupingBy(
                    ObjectRef::namespace, Collectors.mapping(ObjectRef::name, Collectors.toSet())));
    return claimsByNamespace.entrySet().stream()
        .flatMap(
            entry ->
                client.pods().inNamespace(entry.getKey()).list().getItems().stream()
                    .filter(pod -> mountsAny(pod, entry.getValue())))
        .map(pod -> ObjectRef.of(pod.getMetadata().getNamespace(), pod.getMetadata().getName()))
        .sorted()
        .collect(Collectors.toList());
  }

  private WorkloadStatus status(WorkloadRef ref) {
    HasMetadata workload =
        ScalableWorkloads.named(
                client, ref.kind().kind(), ref.object().namespace(), ref.object().name())
            .get();
    if (workload instanceof Deployment deployment) {
      var status = deployment.getStatus();
      return status == null
          ? counts(ref, workload, deployment.getSpec().getReplicas(), null, null, null, null)
          : counts(
              ref,
              workload,
              deployment.getSpec().getReplicas(),
              status.getObservedGeneration(),
              status.getReadyReplicas(),
              status.getReplicas(),
              status.getUpdatedReplicas());
    }
    if (workload instanceof StatefulSet set) {
      var status = set.getStatus();
      return status == null
          ? counts(ref, workload, set.getSpec().getReplicas(), null, null, null, null)
          : counts(
              ref,
              workload,
              set.getSpec().getReplicas(),
              status.getObservedGeneration(),
              status.getReadyReplicas(),
              status.getReplicas(),
              status.getUpdatedReplicas());
    }
    throw new ObjectNotFoundException(ref.kind().kind(), ref.object(), ref.kind().missingHint());
  }

  /** Kubernetes leaves zero counts out and defaults {@code spec.replicas} to 1. */
  private static WorkloadStatus counts(
      WorkloadRef ref,
      HasMetadata workload,
      Integer desired,
      Long observedGeneration,
      Integer ready,
      Integer current,
      Integer updated) {
    int wanted = desired == null ? 1 : desired;
    int pods = current == null ? 0 : current;
    int updatedPods = updated == null ? 0 : updated;
    long generation =
        workload.getMetadata().getGeneration() == null ? 0 : workload.getMetadata().getGeneration();
    return WorkloadStatus.builder()
        .ref(ref)
        .desiredReplicas(wanted)
        .readyReplicas(ready == null ? 0 : ready)
        .currentReplicas(pods)
        .rolledOut(
            WorkloadStatus.rolledOut(generation, observedGeneration, wanted, pods, updatedPods))
        .build();
  }

  private static boolean mountsAny(Pod pod, Set<String> claims) {
    return pod.getSpec() != null
        && pod.getSpec().getVolumes().stream()
            .map(Volume::getPersistentVolumeClaim)
            .filter(Objects::nonNull)
            .map(PersistentVolumeClaimVolumeSource::getClaimName)
            .anyMatch(claims::contains);
  }
}
