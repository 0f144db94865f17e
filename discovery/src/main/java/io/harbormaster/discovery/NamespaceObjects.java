package io.harbormaster.discovery;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.discovery.OwnerLink;
import io.harbormaster.core.discovery.PodInfo;
import io.harbormaster.core.discovery.PvcInfo;
import io.harbormaster.core.discovery.ReplicaSetInfo;
import io.harbormaster.core.model.ObjectRef;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lists a namespace's pods, ReplicaSets and PVCs, one call each, as the core's input types. Every
 * pod is listed, not only those of the app's selectors: a pod outside the app that mounts one of
 * its PVCs is exactly the one that makes a snapshot unsafe.
 */
final class NamespaceObjects {
  private final KubernetesClient client;

  NamespaceObjects(KubernetesClient client) {
    this.client = client;
  }

  List<PodInfo> pods(String namespace) {
    return client.pods().inNamespace(namespace).list().getItems().stream()
        .map(NamespaceObjects::pod)
        .collect(Collectors.toList());
  }

  List<ReplicaSetInfo> replicaSets(String namespace) {
    return client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
        .map(NamespaceObjects::replicaSet)
        .collect(Collectors.toList());
  }

  List<PvcInfo> pvcs(String namespace) {
    return client.persistentVolumeClaims().inNamespace(namespace).list().getItems().stream()
        .map(NamespaceObjects::pvc)
        .collect(Collectors.toList());
  }

  private static PodInfo pod(Pod pod) {
    List<Volume> volumes = pod.getSpec() == null ? List.of() : pod.getSpec().getVolumes();
    return PodInfo.builder()
        .ref(ref(pod))
        .owners(owners(pod))
        .claimNames(
            volumes.stream()
                .map(
                    volume ->
                        volume.getPersistentVolumeClaim() == null
                            ? null
                            : volume.getPersistentVolumeClaim().getClaimName())
                .filter(Objects::nonNull)
                .collect(Collectors.toSet()))
        .terminating(pod.getMetadata().getDeletionTimestamp() != null)
        .build();
  }

  private static ReplicaSetInfo replicaSet(ReplicaSet replicaSet) {
    return ReplicaSetInfo.of(ref(replicaSet), owners(replicaSet));
  }

  private static PvcInfo pvc(PersistentVolumeClaim pvc) {
    List<String> modes = pvc.getSpec() == null ? List.of() : pvc.getSpec().getAccessModes();
    return PvcInfo.of(ref(pvc), Set.copyOf(modes));
  }

  private static ObjectRef ref(HasMetadata object) {
    return ObjectRef.of(object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  private static List<OwnerLink> owners(HasMetadata object) {
    return object.getMetadata().getOwnerReferences().stream()
        .map(NamespaceObjects::owner)
        .collect(Collectors.toList());
  }

  private static OwnerLink owner(OwnerReference reference) {
    return OwnerLink.of(
        reference.getApiVersion(),
        reference.getKind(),
        reference.getName(),
        Boolean.TRUE.equals(reference.getController()));
  }
}
