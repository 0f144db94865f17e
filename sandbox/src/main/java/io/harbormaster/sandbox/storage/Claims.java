package io.harbormaster.sandbox.storage;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import java.util.Set;
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

  /** {@code namespace/claim} of every PVC that a pod which has not ended mounts. */
  static Set<String> mountedByPods(KubernetesClient client) {
    return client.pods().inAnyNamespace().list().getItems().stream()
        .filter(Claims::running)
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

  private static boolean running(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase) && pod.getSpec() != null;
  }
}
