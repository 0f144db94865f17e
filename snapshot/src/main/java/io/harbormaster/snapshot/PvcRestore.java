package io.harbormaster.snapshot;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.TypedObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.port.RestoreRequest;
import io.harbormaster.core.port.RestoreStatus;
import io.harbormaster.kubernetes.StorageClasses;
import java.net.HttpURLConnection;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Replaces a PVC by one restored from a VolumeSnapshot, one non-blocking step per call: delete the
 * old PVC, then, once it is gone, recreate it from the template kept on the snapshot with the
 * snapshot as its data source. The snapshot is checked before the old PVC is deleted, so a restore
 * that cannot finish never starts.
 */
final class PvcRestore {

  private final KubernetesClient client;

  PvcRestore(KubernetesClient client) {
    this.client = client;
  }

  void step(RestoreRequest request) {
    requireSameNamespace(request);
    PersistentVolumeClaim pvc = pvc(request.pvc()).get();
    if (pvc != null && restoredFrom(pvc, request.snapshot())) {
      return;
    }
    GenericKubernetesResource snapshot = restorableSnapshot(request);
    if (pvc == null) {
      recreate(request, snapshot);
    } else if (pvc.getMetadata().getDeletionTimestamp() == null) {
      pvc(request.pvc()).delete();
    }
  }

  RestoreStatus status(RestoreRequest request) {
    requireSameNamespace(request);
    PersistentVolumeClaim pvc = pvc(request.pvc()).get();
    if (pvc == null) {
      return RestoreStatus.waiting(
          "PVC "
              + request.pvc()
              + " is deleted; the next restore step recreates it from snapshot "
              + request.snapshot()
              + snapshotProblem(request).map(problem -> ", but " + problem).orElse(""));
    }
    if (!restoredFrom(pvc, request.snapshot())) {
      return pvc.getMetadata().getDeletionTimestamp() != null
          ? RestoreStatus.waiting(
              "old PVC "
                  + request.pvc()
                  + " is still terminating (finalizers: "
                  + String.join(", ", pvc.getMetadata().getFinalizers())
                  + ")")
          : RestoreStatus.waiting(
              "old PVC "
                  + request.pvc()
                  + " is not restored from snapshot "
                  + request.snapshot()
                  + "; the next restore step deletes it");
    }
    String phase =
        pvc.getStatus() == null || pvc.getStatus().getPhase() == null
            ? "Pending"
            : pvc.getStatus().getPhase();
    String restored = "PVC " + request.pvc() + " is restored from snapshot " + request.snapshot();
    if ("Bound".equals(phase)) {
      return RestoreStatus.done(restored + " and Bound");
    }
    if ("Pending".equals(phase) && StorageClasses.waitsForFirstConsumer(client, pvc)) {
      return RestoreStatus.done(
          restored + " and binds when a pod mounts it (WaitForFirstConsumer)");
    }
    return RestoreStatus.waiting(restored + " but is " + phase + ", not Bound yet");
  }

  private void recreate(RestoreRequest request, GenericKubernetesResource snapshot) {
    String templateJson =
        snapshot.getMetadata().getAnnotations().get(SnapshotMetadata.PVC_TEMPLATE);
    if (templateJson == null) {
      throw new VolumeSnapshotException(
          "VolumeSnapshot "
              + request.snapshot()
              + " has no "
              + SnapshotMetadata.PVC_TEMPLATE
              + " annotation, so PVC "
              + request.pvc()
              + " cannot be recreated from it: it was not taken by"
              + " Harbormaster; recreate the PVC by hand with the snapshot as its dataSource");
    }
    PvcTemplate template = PvcTemplate.fromJson(templateJson, request.snapshot().toString());
    PersistentVolumeClaim restored =
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withNamespace(request.pvc().namespace())
            .withName(request.pvc().name())
            .withLabels(template.labels())
            .withAnnotations(template.annotations())
            .endMetadata()
            .withNewSpec()
            .withStorageClassName(template.storageClassName())
            .withAccessModes(template.accessModes())
            .withVolumeMode(template.volumeMode())
            .withNewResources()
            .addToRequests("storage", restoredSize(template, snapshot, request))
            .endResources()
            .withNewDataSource()
            .withApiGroup(VolumeSnapshotFields.GROUP)
            .withKind(VolumeSnapshotFields.KIND)
            .withName(request.snapshot().name())
            .endDataSource()
            .endSpec()
            .build();
    try {
      client
          .persistentVolumeClaims()
          .inNamespace(request.pvc().namespace())
          .resource(restored)
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // Someone recreated it meanwhile; the next step or status call looks at what is there.
    }
  }

  /**
   * At least the snapshot's restoreSize, which a provisioner requires, and at least the old
   * request.
   */
  private static Quantity restoredSize(
      PvcTemplate template, GenericKubernetesResource snapshot, RestoreRequest request) {
    return Stream.of(
            VolumeSnapshotFields.restoreSize(snapshot),
            Optional.ofNullable(template.requestedStorage()))
        .flatMap(Optional::stream)
        .map(Quantity::new)
        .max(Comparator.comparing(Quantity::getNumericalAmount))
        .orElseThrow(
            () ->
                new VolumeSnapshotException(
                    "neither VolumeSnapshot "
                        + request.snapshot()
                        + " (status.restoreSize) nor its PVC template"
                        + " gives a size for PVC "
                        + request.pvc()));
  }

  private GenericKubernetesResource restorableSnapshot(RestoreRequest request) {
    GenericKubernetesResource snapshot =
        VolumeSnapshotFields.volumeSnapshot(client, request.snapshot()).get();
    Optional<String> problem = problemOf(snapshot, request);
    if (problem.isPresent()) {
      throw new VolumeSnapshotException(
          "cannot restore PVC " + request.pvc() + ": " + problem.get());
    }
    return snapshot;
  }

  private Optional<String> snapshotProblem(RestoreRequest request) {
    return problemOf(
        VolumeSnapshotFields.volumeSnapshot(client, request.snapshot()).get(), request);
  }

  private static Optional<String> problemOf(
      GenericKubernetesResource snapshot, RestoreRequest request) {
    if (snapshot == null) {
      return Optional.of("VolumeSnapshot " + request.snapshot() + " does not exist");
    }
    String source = VolumeSnapshotFields.sourcePvc(snapshot);
    if (!request.pvc().name().equals(source)) {
      return Optional.of(
          "VolumeSnapshot "
              + request.snapshot()
              + " is of PVC "
              + source
              + ", not of "
              + request.pvc()
              + ": restore each PVC from its own snapshot");
    }
    if (!VolumeSnapshotFields.readyToUse(snapshot)) {
      return Optional.of(
          "VolumeSnapshot "
              + request.snapshot()
              + " is not readyToUse"
              + VolumeSnapshotFields.error(snapshot)
                  .map(error -> " (error: " + error + ")")
                  .orElse(""));
    }
    return Optional.empty();
  }

  /** True when the PVC's dataSource or dataSourceRef is the snapshot. */
  private static boolean restoredFrom(PersistentVolumeClaim pvc, ObjectRef snapshot) {
    String wanted =
        sourceKey(VolumeSnapshotFields.GROUP, VolumeSnapshotFields.KIND, snapshot.name());
    TypedLocalObjectReference source = pvc.getSpec().getDataSource();
    TypedObjectReference sourceRef = pvc.getSpec().getDataSourceRef();
    return (source != null
            && wanted.equals(sourceKey(source.getApiGroup(), source.getKind(), source.getName())))
        || (sourceRef != null
            && wanted.equals(
                sourceKey(sourceRef.getApiGroup(), sourceRef.getKind(), sourceRef.getName())));
  }

  private static String sourceKey(String apiGroup, String kind, String name) {
    return apiGroup + "/" + kind + "/" + name;
  }

  private static void requireSameNamespace(RestoreRequest request) {
    if (!request.pvc().namespace().equals(request.snapshot().namespace())) {
      throw new VolumeSnapshotException(
          "cannot restore PVC "
              + request.pvc()
              + " from VolumeSnapshot "
              + request.snapshot()
              + ": a PVC can only be restored from a snapshot in its own namespace");
    }
  }

  private Resource<PersistentVolumeClaim> pvc(ObjectRef ref) {
    return client.persistentVolumeClaims().inNamespace(ref.namespace()).withName(ref.name());
  }
}
