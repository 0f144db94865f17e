package io.harbormaster.kubernetes;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** What a PVC's StorageClass says about binding. */
public final class StorageClasses {
  /** Marks the class a PVC without {@code storageClassName} gets. */
  static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";

  private StorageClasses() {}

  /**
   * Whether the claim's class (its named one, else the cluster's default) binds only when a pod
   * mounts the claim: such a claim stays Pending until then, which is not a failure.
   */
  public static boolean waitsForFirstConsumer(
      KubernetesClient client, PersistentVolumeClaim claim) {
    return of(client, claim)
        .map(found -> "WaitForFirstConsumer".equals(found.getVolumeBindingMode()))
        .orElse(false);
  }

  /** The claim's class: its named one, else the cluster's default; empty when there is none. */
  public static Optional<StorageClass> of(KubernetesClient client, PersistentVolumeClaim claim) {
    String className = claim.getSpec().getStorageClassName();
    return className == null
        ? client.storage().v1().storageClasses().list().getItems().stream()
            .filter(candidate -> candidate.getMetadata().getAnnotations() != null)
            .filter(
                candidate ->
                    "true".equals(candidate.getMetadata().getAnnotations().get(DEFAULT_CLASS)))
            .findFirst()
        : Optional.ofNullable(client.storage().v1().storageClasses().withName(className).get());
  }
}
