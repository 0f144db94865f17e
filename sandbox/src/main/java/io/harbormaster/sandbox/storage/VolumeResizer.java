package io.harbormaster.sandbox.storage;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plays a CSI driver's external-resizer and the kubelet's part of a volume expansion. A Bound PVC
 * whose {@code spec.resources.requests.storage} is above its {@code status.capacity.storage} grows
 * when its StorageClass has {@code allowVolumeExpansion: true} (a real API server refuses the
 * request otherwise; the mock lets it through and nothing happens, as nothing would resize it): the
 * controller step sets the PersistentVolume's capacity; then, for a driver that grows the
 * filesystem on the node (the default), the PVC waits in condition {@value
 * #FILESYSTEM_RESIZE_PENDING} with its old capacity until a running pod on a node mounts it, when
 * the kubelet's step gives it the new capacity and drops the condition. A class with parameter
 * {@value #NODE_EXPANSION}{@code : "false"} is grown in the controller step alone.
 */
public final class VolumeResizer implements AutoCloseable {
  /** The StorageClass parameter that says whether the driver needs the node to finish a resize. */
  public static final String NODE_EXPANSION = "sandbox.harbormaster.io/node-expansion";

  public static final String FILESYSTEM_RESIZE_PENDING = "FileSystemResizePending";

  /** What the kubelet's resize reports while no pod mounts the volume. */
  private static final String PENDING_MESSAGE =
      "Waiting for user to (re-)start a pod to finish file system resize of volume on node.";

  private final KubernetesClient client;
  private final ControlLoop loop;
  private final List<SharedIndexInformer<?>> informers;

  public VolumeResizer(KubernetesClient client) {
    this.client = client;
    this.loop = new ControlLoop("volume-resizer", this::reconcile);
    this.informers =
        List.of(
            client.persistentVolumeClaims().inAnyNamespace().inform(loop.onEveryEvent()),
            client.pods().inAnyNamespace().inform(loop.onEveryEvent()));
  }

  private void reconcile() {
    Set<String> mountedOnNodes = Claims.mountedOnNodes(client);
    for (PersistentVolumeClaim claim :
        client.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
      if (claim.getMetadata().getDeletionTimestamp() == null
          && "Bound".equals(Claims.phase(claim))
          && below(boundCapacity(claim), Claims.requestedSize(claim))) {
        expandableClass(claim)
            .ifPresent(
                storageClass ->
                    resize(
                        claim,
                        Claims.requestedSize(claim),
                        !needsNode(storageClass) || mountedOnNodes.contains(Claims.key(claim))));
      }
    }
  }

  private void resize(PersistentVolumeClaim claim, Quantity size, boolean nodeCanFinish) {
    growVolume(claim.getSpec().getVolumeName(), size);
    if (nodeCanFinish) {
      Claims.resource(client, claim)
          .editStatus(
              live -> {
                live.getStatus().getCapacity().put("storage", size);
                live.getStatus()
                    .getConditions()
                    .removeIf(condition -> FILESYSTEM_RESIZE_PENDING.equals(condition.getType()));
                return live;
              });
    } else if (claim.getStatus().getConditions().stream()
        .noneMatch(condition -> FILESYSTEM_RESIZE_PENDING.equals(condition.getType()))) {
      Claims.resource(client, claim)
          .editStatus(
              live ->
                  new PersistentVolumeClaimBuilder(live)
                      .editStatus()
                      .addToConditions(
                          new PersistentVolumeClaimConditionBuilder()
                              .withType(FILESYSTEM_RESIZE_PENDING)
                              .withStatus("True")
                              .withMessage(PENDING_MESSAGE)
                              .withLastTransitionTime(
                                  Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                              .build())
                      .endStatus()
                      .build());
    }
  }

  /** The controller step: the driver grew the disk, so the PersistentVolume says the new size. */
  private void growVolume(String volumeName, Quantity size) {
    client
        .persistentVolumes()
        .withName(volumeName)
        .edit(
            volume -> {
              if (below(volume.getSpec().getCapacity().get("storage"), size)) {
                volume.getSpec().getCapacity().put("storage", size);
              }
              return volume;
            });
  }

  /** The claim's class, if it allows expansion; a claim without a class cannot be expanded. */
  private Optional<StorageClass> expandableClass(PersistentVolumeClaim claim) {
    String name = claim.getSpec().getStorageClassName();
    return Optional.ofNullable(name)
        .map(className -> client.storage().v1().storageClasses().withName(className).get())
        .filter(storageClass -> Boolean.TRUE.equals(storageClass.getAllowVolumeExpansion()));
  }

  private static boolean needsNode(StorageClass storageClass) {
    return storageClass.getParameters() == null
        || !"false".equals(storageClass.getParameters().get(NODE_EXPANSION));
  }

  private static Quantity boundCapacity(PersistentVolumeClaim claim) {
    return claim.getStatus().getCapacity().get("storage");
  }

  private static boolean below(Quantity size, Quantity other) {
    return size == null || size.getNumericalAmount().compareTo(other.getNumericalAmount()) < 0;
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    loop.close();
  }
}
