package io.harbormaster.sandbox.storage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.harbormaster.core.model.ObjectRef;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Plays the CSI snapshot controller and driver: a VolumeSnapshot of a Bound PVC becomes a copy of
 * the PVC's folder and turns {@code readyToUse} with {@code restoreSize}, {@code creationTime} and
 * {@code boundVolumeSnapshotContentName}. The copy is deleted with its VolumeSnapshot. No
 * VolumeSnapshotContent object is created: the name only keys the copy.
 *
 * <p>{@link #failSnapshotsOf} makes snapshots of one PVC report {@code status.error} until {@link
 * #recoverSnapshotsOf}, as a real driver's transient failure would; then they turn ready and the
 * error is cleared.
 */
public final class SnapshotController implements AutoCloseable {
  private final KubernetesClient client;
  private final VolumeStore store;
  private final Clock clock;
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  private final ControlLoop loop;
  private final List<SharedIndexInformer<?>> informers;

  public SnapshotController(KubernetesClient client, VolumeStore store, Clock clock) {
    this.client = client;
    this.store = store;
    this.clock = clock;
    this.loop = new ControlLoop("snapshot-controller", this::reconcile);
    this.informers =
        List.of(
            VolumeSnapshotCrd.volumeSnapshots(client).inAnyNamespace().inform(loop.onEveryEvent()),
            // A snapshot of a PVC that is not bound yet waits for it.
            client.persistentVolumeClaims().inAnyNamespace().inform(loop.onEveryEvent()));
  }

  /**
   * From now on, snapshots of {@code pvc} report {@code message} as their error and do not become
   * ready.
   */
  public void failSnapshotsOf(ObjectRef pvc, String message) {
    failures.put(pvc.toString(), message);
    loop.trigger();
  }

  /** Lets snapshots of {@code pvc} succeed again; failed ones are retried. */
  public void recoverSnapshotsOf(ObjectRef pvc) {
    failures.remove(pvc.toString());
    loop.trigger();
  }

  private void reconcile() {
    List<GenericKubernetesResource> snapshots =
        VolumeSnapshotCrd.volumeSnapshots(client).inAnyNamespace().list().getItems();
    for (GenericKubernetesResource snapshot : snapshots) {
      if (snapshot.getMetadata().getDeletionTimestamp() == null
          && !Boolean.TRUE.equals(snapshot.get("status", "readyToUse"))) {
        takeSnapshot(snapshot);
      }
    }
    Set<String> contents =
        snapshots.stream().map(SnapshotController::contentName).collect(Collectors.toSet());
    store.deleteSnapshotsExcept(contents);
  }

  private void takeSnapshot(GenericKubernetesResource snapshot) {
    String namespace = snapshot.getMetadata().getNamespace();
    String claimName = snapshot.get("spec", "source", "persistentVolumeClaimName");
    if (claimName == null) {
      reportError(
          snapshot, "the sandbox snapshots PVCs only: set spec.source.persistentVolumeClaimName");
      return;
    }
    String failure = failures.get(Claims.key(namespace, claimName));
    if (failure != null) {
      reportError(snapshot, failure);
      return;
    }
    PersistentVolumeClaim claim =
        client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get();
    if (claim == null) {
      reportError(snapshot, "PVC " + Claims.key(namespace, claimName) + " not found");
      return;
    }
    if (!"Bound".equals(Claims.phase(claim))) {
      return; // the real controller waits for the PVC to bind, too
    }
    String content = contentName(snapshot);
    store.snapshot(claim.getSpec().getVolumeName(), content);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("readyToUse", true);
    Quantity capacity = claim.getStatus().getCapacity().get("storage");
    status.put(
        "restoreSize", (capacity != null ? capacity : Claims.requestedSize(claim)).toString());
    status.put("boundVolumeSnapshotContentName", content);
    status.put("creationTime", now());
    status.put("error", null);
    writeStatus(snapshot, status);
  }

  private void reportError(GenericKubernetesResource snapshot, String message) {
    Object current = snapshot.get("status", "error", "message");
    if (!Objects.equals(current, message)) {
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("readyToUse", false);
      status.put("error", Map.of("message", message, "time", now()));
      writeStatus(snapshot, status);
    }
  }

  private void writeStatus(GenericKubernetesResource snapshot, Map<String, Object> status) {
    VolumeSnapshotCrd.volumeSnapshots(client)
        .inNamespace(snapshot.getMetadata().getNamespace())
        .withName(snapshot.getMetadata().getName())
        .editStatus(
            live -> {
              live.setAdditionalProperty("status", status);
              return live;
            });
  }

  private String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String contentName(GenericKubernetesResource snapshot) {
    return "snapcontent-" + snapshot.getMetadata().getUid();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    loop.close();
  }
}
