package io.harbormaster.snapshot;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.port.RestoreRequest;
import io.harbormaster.core.port.RestoreStatus;
import io.harbormaster.core.port.SnapshotRecord;
import io.harbormaster.core.port.SnapshotRequest;
import io.harbormaster.core.port.SnapshotStatus;
import io.harbormaster.core.port.VolumeSnapshots;
import io.harbormaster.kubernetes.ConflictRetry;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link VolumeSnapshots} on CSI VolumeSnapshots ({@code snapshot.storage.k8s.io/v1}), used as
 * generic resources so no snapshot CRD model is needed. Every step reads afresh and is retried on
 * 409 Conflict a bounded number of times.
 */
public final class KubernetesVolumeSnapshots implements VolumeSnapshots {
  private final KubernetesClient client;
  private final PvcRestore restore;
  private final java.time.Clock clock;

  public KubernetesVolumeSnapshots(KubernetesClient client) {
    this(client, java.time.Clock.systemUTC());
  }

  public KubernetesVolumeSnapshots(KubernetesClient client, java.time.Clock clock) {
    this.client = client;
    this.clock = clock;
    this.restore = new PvcRestore(client);
  }

  @Override
  public void create(SnapshotRequest request) {
    ConflictRetry.run("creating VolumeSnapshot " + request.snapshot(), () -> createOnce(request));
  }

  private void createOnce(SnapshotRequest request) {
    requireSameNamespace(request);
    GenericKubernetesResource existing =
        VolumeSnapshotFields.volumeSnapshot(client, request.snapshot()).get();
    if (existing != null) {
      requireSameSource(existing, request);
      return;
    }
    PersistentVolumeClaim pvc =
        client
            .persistentVolumeClaims()
            .inNamespace(request.pvc().namespace())
            .withName(request.pvc().name())
            .get();
    if (pvc == null) {
      throw new VolumeSnapshotException(
          "PVC "
              + request.pvc()
              + " not found, so VolumeSnapshot "
              + request.snapshot()
              + " cannot be taken:"
              + " check spec.snapshots.pvcs of app "
              + request.app());
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("source", Map.of("persistentVolumeClaimName", request.pvc().name()));
    // Absent means the driver's default class; the API rejects an empty string.
    request
        .volumeSnapshotClassName()
        .ifPresent(className -> spec.put("volumeSnapshotClassName", className));
    GenericKubernetesResource snapshot =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(VolumeSnapshotFields.API_VERSION)
            .withKind(VolumeSnapshotFields.KIND)
            .withNewMetadata()
            .withNamespace(request.snapshot().namespace())
            .withName(request.snapshot().name())
            .withLabels(SnapshotMetadata.labels(request))
            .withAnnotations(
                SnapshotMetadata.annotations(request, PvcTemplate.capture(pvc), clock.instant()))
            .endMetadata()
            .addToAdditionalProperties("spec", spec)
            .build();
    VolumeSnapshotFields.volumeSnapshots(client)
        .inNamespace(request.snapshot().namespace())
        .resource(snapshot)
        .create();
  }

  @Override
  public SnapshotStatus status(ObjectRef snapshot) {
    GenericKubernetesResource live = VolumeSnapshotFields.volumeSnapshot(client, snapshot).get();
    if (live == null) {
      return SnapshotStatus.missing();
    }
    if (VolumeSnapshotFields.readyToUse(live)) {
      return SnapshotStatus.ready();
    }
    return VolumeSnapshotFields.error(live)
        .map(SnapshotStatus::failing)
        .orElseGet(SnapshotStatus::pending);
  }

  @Override
  public void restore(RestoreRequest request) {
    ConflictRetry.run(
        "restoring PVC " + request.pvc() + " from VolumeSnapshot " + request.snapshot(),
        () -> restore.step(request));
  }

  @Override
  public RestoreStatus restoreStatus(RestoreRequest request) {
    return restore.status(request);
  }

  @Override
  public List<SnapshotRecord> list(ObjectRef app, Set<String> namespaces) {
    // One list per namespace: an operator with rights in a few namespaces cannot list across the
    // cluster.
    return namespaces.stream()
        .flatMap(
            namespace ->
                VolumeSnapshotFields.volumeSnapshots(client)
                    .inNamespace(namespace)
                    .withLabels(SnapshotMetadata.appSelector(app))
                    .list()
                    .getItems()
                    .stream())
        .map(snapshot -> SnapshotMetadata.record(snapshot, app))
        .flatMap(Optional::stream)
        .sorted(Comparator.comparing(SnapshotRecord::snapshot))
        .toList();
  }

  @Override
  public void delete(ObjectRef snapshot) {
    ConflictRetry.run(
        "deleting VolumeSnapshot " + snapshot,
        () -> VolumeSnapshotFields.volumeSnapshot(client, snapshot).delete());
  }

  private static void requireSameNamespace(SnapshotRequest request) {
    if (!request.snapshot().namespace().equals(request.pvc().namespace())) {
      throw new VolumeSnapshotException(
          "VolumeSnapshot "
              + request.snapshot()
              + " must be in the namespace of its PVC "
              + request.pvc());
    }
  }

  private static void requireSameSource(
      GenericKubernetesResource existing, SnapshotRequest request) {
    String source = VolumeSnapshotFields.sourcePvc(existing);
    if (!request.pvc().name().equals(source)) {
      throw new VolumeSnapshotException(
          "VolumeSnapshot "
              + request.snapshot()
              + " already exists with source PVC "
              + source
              + ", not "
              + request.pvc()
              + ": delete it or choose another snapshot name");
    }
  }
}
