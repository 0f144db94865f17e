package io.harbormaster.sandbox.storage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.harbormaster.kubernetes.StorageClasses;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plays the API server's PVC protection, the PV controller and a CSI provisioner: marks every PVC
 * with the {@code kubernetes.io/pvc-protection} finalizer and drops it from a deleted PVC once no
 * pod mounts it, and drops {@code kubernetes.io/pv-protection} (which a real API server puts on
 * every PV) from a volume it reclaims; binds Pending PVCs to a new PersistentVolume (a folder in
 * the {@link VolumeStore}, filled from the snapshot when the PVC's data source is a ready
 * VolumeSnapshot), except that a PVC of a WaitForFirstConsumer class stays Pending until a pod
 * mounts it; deletes the volume of a PVC that is gone (reclaim policy Delete).
 */
public final class PvcBinder implements AutoCloseable {
  public static final String PROTECTION_FINALIZER = "kubernetes.io/pvc-protection";

  /** The pv-protection controller drops it once the volume is no longer bound to a claim. */
  private static final String PV_PROTECTION_FINALIZER = "kubernetes.io/pv-protection";

  /** Marks the PersistentVolumes this binder provisioned and may reclaim. */
  static final String PROVISIONED_BY = "sandbox.harbormaster.io/provisioned-by";

  private static final String DRIVER = "sandbox.csi.harbormaster.io";

  private final KubernetesClient client;
  private final VolumeStore store;
  private final ControlLoop loop;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  public PvcBinder(KubernetesClient client, VolumeStore store) {
    this.client = client;
    this.store = store;
    this.loop = new ControlLoop("pvc-binder", this::reconcile);
    informers.add(client.persistentVolumeClaims().inAnyNamespace().inform(loop.onEveryEvent()));
    informers.add(client.pods().inAnyNamespace().inform(loop.onEveryEvent()));
    // A restore waits for its snapshot to become ready.
    informers.add(
        VolumeSnapshotCrd.volumeSnapshots(client).inAnyNamespace().inform(loop.onEveryEvent()));
  }

  private void reconcile() {
    Set<String> mounted = Claims.mountedByPods(client);
    List<PersistentVolumeClaim> claims =
        client.persistentVolumeClaims().inAnyNamespace().list().getItems();
    // Deleted claims first, so one pass has settled every deletion it saw before it binds anything.
    for (PersistentVolumeClaim claim : claims) {
      if (claim.getMetadata().getDeletionTimestamp() != null) {
        releaseProtectionUnlessMounted(claim, mounted);
      }
    }
    for (PersistentVolumeClaim claim : claims) {
      if (claim.getMetadata().getDeletionTimestamp() == null) {
        protect(claim);
        bindIfPending(claim, mounted);
      }
    }
    reclaimVolumesOfDeletedClaims();
  }

  /**
   * Drops the finalizer of a deleted claim no pod mounts. The pods were listed at the start of the
   * pass, maybe before a pod that mounts the claim was created: like the pvc-protection controller,
   * which asks the API server again before it lets a claim go, it lists them afresh.
   */
  private void releaseProtectionUnlessMounted(PersistentVolumeClaim claim, Set<String> mounted) {
    if (!mounted.contains(Claims.key(claim))
        && claim.getMetadata().getFinalizers().contains(PROTECTION_FINALIZER)
        && !Claims.mountedByPods(client).contains(Claims.key(claim))) {
      Claims.resource(client, claim)
          .edit(
              live -> {
                live.getMetadata().getFinalizers().remove(PROTECTION_FINALIZER);
                return live;
              });
    }
  }

  private void protect(PersistentVolumeClaim claim) {
    if (!claim.getMetadata().getFinalizers().contains(PROTECTION_FINALIZER)) {
      Claims.resource(client, claim)
          .edit(
              live -> {
                live.getMetadata().getFinalizers().add(PROTECTION_FINALIZER);
                return live;
              });
    }
  }

  private void bindIfPending(PersistentVolumeClaim claim, Set<String> mounted) {
    if ("Bound".equals(Claims.phase(claim))) {
      return;
    }
    if (StorageClasses.waitsForFirstConsumer(client, claim)
        && !mounted.contains(Claims.key(claim))) {
      markPending(claim);
      return;
    }
    Optional<String> snapshot = Claims.snapshotSource(claim);
    Optional<ReadySnapshot> source =
        snapshot.flatMap(name -> readySnapshot(claim.getMetadata().getNamespace(), name));
    if (snapshot.isPresent() && source.isEmpty()) {
      markPending(claim); // a real provisioner also waits for the snapshot to become ready
      return;
    }
    Quantity size =
        source
            .map(ready -> larger(ready.restoreSize(), Claims.requestedSize(claim)))
            .orElse(Claims.requestedSize(claim));
    String volumeName = "pvc-" + claim.getMetadata().getUid();
    store.provision(volumeName, source.map(ReadySnapshot::content).orElse(null));
    createVolume(claim, volumeName, size);
    Claims.resource(client, claim)
        .edit(
            live -> {
              live.getSpec().setVolumeName(volumeName);
              return live;
            });
    Claims.resource(client, claim)
        .editStatus(
            live ->
                new PersistentVolumeClaimBuilder(live)
                    .editOrNewStatus()
                    .withPhase("Bound")
                    .withCapacity(Map.of("storage", size))
                    .withAccessModes(live.getSpec().getAccessModes())
                    .endStatus()
                    .build());
  }

  private void markPending(PersistentVolumeClaim claim) {
    if (claim.getStatus() == null || claim.getStatus().getPhase() == null) {
      Claims.resource(client, claim)
          .editStatus(
              live ->
                  new PersistentVolumeClaimBuilder(live)
                      .editOrNewStatus()
                      .withPhase("Pending")
                      .endStatus()
                      .build());
    }
  }

  private void createVolume(PersistentVolumeClaim claim, String volumeName, Quantity size) {
    PersistentVolume volume =
        new PersistentVolumeBuilder()
            .withNewMetadata()
            .withName(volumeName)
            .addToLabels(PROVISIONED_BY, "pvc-binder")
            .endMetadata()
            .withNewSpec()
            .addToCapacity("storage", size)
            .withAccessModes(claim.getSpec().getAccessModes())
            .withStorageClassName(claim.getSpec().getStorageClassName())
            .withVolumeMode(claim.getSpec().getVolumeMode())
            .withPersistentVolumeReclaimPolicy("Delete")
            .withNewClaimRef()
            .withApiVersion("v1")
            .withKind("PersistentVolumeClaim")
            .withNamespace(claim.getMetadata().getNamespace())
            .withName(claim.getMetadata().getName())
            .withUid(claim.getMetadata().getUid())
            .endClaimRef()
            .withNewCsi()
            .withDriver(DRIVER)
            .withVolumeHandle(volumeName)
            .endCsi()
            .endSpec()
            .withNewStatus()
            .withPhase("Bound")
            .endStatus()
            .build();
    try {
      client.persistentVolumes().resource(volume).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }

  /**
   * Reclaim policy Delete: a volume whose claim is gone, or was recreated under a new uid, goes
   * too.
   */
  private void reclaimVolumesOfDeletedClaims() {
    for (PersistentVolume volume :
        client.persistentVolumes().withLabel(PROVISIONED_BY, "pvc-binder").list().getItems()) {
      var claimRef = volume.getSpec().getClaimRef();
      PersistentVolumeClaim claim =
          client
              .persistentVolumeClaims()
              .inNamespace(claimRef.getNamespace())
              .withName(claimRef.getName())
              .get();
      if (claim == null || !claim.getMetadata().getUid().equals(claimRef.getUid())) {
        // The data first: once the PV object is seen gone, its bytes are gone too.
        store.deleteVolume(volume.getMetadata().getName());
        client.persistentVolumes().resource(volume).delete();
        if (volume.getMetadata().getFinalizers().contains(PV_PROTECTION_FINALIZER)) {
          client
              .persistentVolumes()
              .withName(volume.getMetadata().getName())
              .edit(
                  live -> {
                    live.getMetadata().getFinalizers().remove(PV_PROTECTION_FINALIZER);
                    return live;
                  });
        }
      }
    }
  }

  private Optional<ReadySnapshot> readySnapshot(String namespace, String name) {
    GenericKubernetesResource snapshot =
        VolumeSnapshotCrd.volumeSnapshots(client).inNamespace(namespace).withName(name).get();
    if (snapshot == null || !Boolean.TRUE.equals(snapshot.get("status", "readyToUse"))) {
      return Optional.empty();
    }
    String content = snapshot.get("status", "boundVolumeSnapshotContentName");
    String restoreSize = snapshot.get("status", "restoreSize");
    if (content == null || restoreSize == null || !store.hasSnapshot(content)) {
      return Optional.empty();
    }
    return Optional.of(new ReadySnapshot(content, new Quantity(restoreSize)));
  }

  private static Quantity larger(Quantity a, Quantity b) {
    return a.getNumericalAmount().compareTo(b.getNumericalAmount()) >= 0 ? a : b;
  }

  private record ReadySnapshot(String content, Quantity restoreSize) {}

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    loop.close();
  }
}
