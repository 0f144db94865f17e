package io.harbormaster.sandbox.storage;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Facts about PVCs that both simulated controllers read. */
final class Claims {
  static final String SNAPSHOT_GROUP = "snapshot.storage.k8s.io";

  private Claims() {}

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  static String key(PersistentVolumeClaim claim) {
    return key(claim.getMetadata().getNamespace(), claim.getMetadata().getName());
  }

  /** The claim on the API server, to edit. */
  static Resource<PersistentVolumeClaim> resource(
      KubernetesClient client, PersistentVolumeClaim claim) {
    return client
        .persistentVolumeClaims()
        .inNamespace(claim.getMetadata().getNamespace())
        .withName(claim.getMetadata().getName());
  }

  /** {@code namespace/claim} of every PVC that a pod which has not ended mounts. */
  static Set<String> mountedByPods(KubernetesClient client) {
    return mountedBy(client, Claims::notEnded);
  }

  /**
   * {@code namespace/claim} of every PVC that a running pod on a node mounts: where the kubelet can
   * grow its filesystem.
   */
  static Set<String> mountedOnNodes(KubernetesClient client) {
    return mountedBy(
        client,
        pod ->
            pod.getSpec().getNodeName() != null
                && pod.getMetadata().getDeletionTimestamp() == null
                && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase()));
  }

  private static Set<String> mountedBy(KubernetesClient client, Predicate<Pod> pods) {
    return client.pods().inAnyNamespace().list().getItems().stream()
        .filter(pods)
        .flatMap(
            pod ->
                pod.getSpec().getVolumes().stream()
                    .filter(volume -> volume.getPersistentVolumeClaim() != null)
                    .map(
                        volume ->
                            key(
                                pod.getMetadata().getNamespace(),
                                volume.getPersistentVolumeClaim().getClaimName())))
        .collect(Collectors.toSet());
  }

  /** The VolumeSnapshot the PVC is restored from, if its data source is one. */
  static Optional<String> snapshotSource(PersistentVolumeClaim claim) {
    TypedLocalObjectReference source = claim.getSpec().getDataSource();
    if (source == null
        || !SNAPSHOT_GROUP.equals(source.getApiGroup())
        || !VolumeSnapshotCrd.KIND.equals(source.getKind())) {
      return Optional.empty();
    }
    return Optional.of(source.getName());
  }

  /** What the claim asks for: its {@code spec.resources.requests.storage}, 1Gi if it says none. */
  static Quantity requestedSize(PersistentVolumeClaim claim) {
    return Optional.ofNullable(claim.getSpec().getResources())
        .map(resources -> resources.getRequests())
        .map(requests -> requests.get("storage"))
        .orElse(new Quantity("1Gi"));
  }

  static String phase(PersistentVolumeClaim claim) {
    return claim.getStatus() == null || claim.getStatus().getPhase() == null
        ? "Pending"
        : claim.getStatus().getPhase();
  }

  private static boolean notEnded(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase) && pod.getSpec() != null;
  }
}
