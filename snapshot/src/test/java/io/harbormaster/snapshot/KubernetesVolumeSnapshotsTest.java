package io.harbormaster.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.SnapshotRetention;
import io.harbormaster.core.port.RestoreRequest;
import io.harbormaster.core.port.RestoreStatus;
import io.harbormaster.core.port.SnapshotRecord;
import io.harbormaster.core.port.SnapshotRequest;
import io.harbormaster.core.port.SnapshotStatus;
import io.harbormaster.core.snapshot.SnapshotRetentionRule;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.storage.SandboxStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class KubernetesVolumeSnapshotsTest {
  private static final String NS = "db";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectRef APP = ObjectRef.of("flux-system", "postgres");
  private static final ObjectRef DATA = ObjectRef.of(NS, "data");
  private static final OperationId UPGRADE =
      OperationId.upgrade(ObjectRef.of("flux-system", "pg-14-to-15"));

  KubernetesClient client;
  @TempDir Path root;

  /** A minute passes between two snapshots, so their creation times tell their order. */
  private final Clock clock =
      new TickingClock(Instant.parse("2025-06-01T12:00:00Z"), Duration.ofMinutes(1));

  private SandboxStorage storage;
  private KubernetesVolumeSnapshots snapshots;

  @BeforeEach
  void start() {
    storage = new SandboxStorage(client, root, clock);
    snapshots = new KubernetesVolumeSnapshots(client);
  }

  @AfterEach
  void stop() {
    storage.close();
  }

  @Test
  void createsALabelledSnapshotThatBecomesReady() {
    createBoundPvc("data", null);

    snapshots.create(request("before-upgrade", DATA, UPGRADE));

    awaitSnapshot("before-upgrade", KubernetesVolumeSnapshotsTest::isReady);
    assertThat(snapshots.status(ObjectRef.of(NS, "before-upgrade")))
        .isEqualTo(SnapshotStatus.ready());
    GenericKubernetesResource snapshot = snapshot("before-upgrade").get();
    assertThat(snapshot.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "harbormaster")
        .containsEntry("harbormaster.io/app", "postgres")
        .containsEntry("harbormaster.io/operation", "pg-14-to-15")
        .containsEntry("harbormaster.io/operation-kind", "upgrade");
    assertThat((String) snapshot.get("spec", "source", "persistentVolumeClaimName"))
        .isEqualTo("data");
    assertThat(snapshot.getMetadata().getAnnotations().get("harbormaster.io/pvc-template"))
        .contains(
            "\"app.kubernetes.io/name\":\"postgres\"",
            "\"requestedStorage\":\"1Gi\"",
            "\"ReadWriteOnce\"")
        .doesNotContain("pv.kubernetes.io/bind-completed");
  }

  @Test
  void setsTheSnapshotClassOnlyWhenGiven() {
    createBoundPvc("data", null);

    snapshots.create(request("default-class", DATA, UPGRADE));
    snapshots.create(
        SnapshotRequest.builder()
            .from(request("own-class", DATA, UPGRADE))
            .volumeSnapshotClassName("csi-fast")
            .build());

    assertThat(spec("default-class")).doesNotContainKey("volumeSnapshotClassName");
    assertThat(spec("own-class")).containsEntry("volumeSnapshotClassName", "csi-fast");
  }

  @Test
  void createIsIdempotentButRefusesAnotherSourceUnderTheSameName() {
    createBoundPvc("data", null);
    createBoundPvc("wal", null);
    snapshots.create(request("snap", DATA, UPGRADE));

    snapshots.create(request("snap", DATA, UPGRADE));

    assertThat(snapshots.list(APP, Set.of(APP.namespace(), NS))).hasSize(1);
    assertThatThrownBy(() -> snapshots.create(request("snap", ObjectRef.of(NS, "wal"), UPGRADE)))
        .isInstanceOf(VolumeSnapshotException.class)
        .hasMessageContaining(
            "VolumeSnapshot db/snap already exists with source PVC data, not db/wal");
  }

  @Test
  void refusesToSnapshotAMissingPvc() {
    assertThatThrownBy(() -> snapshots.create(request("snap", DATA, UPGRADE)))
        .isInstanceOf(VolumeSnapshotException.class)
        .hasMessageContaining("PVC db/data not found");
    assertThat(snapshot("snap").get()).isNull();
  }

  @Test
  void reportsASnapshotErrorAndItsRecovery() {
    createBoundPvc("data", null);
    storage.snapshots().failSnapshotsOf(DATA, "rpc error: DeadlineExceeded");

    snapshots.create(request("snap", DATA, UPGRADE));

    awaitSnapshot("snap", snapshot -> snapshot.get("status", "error", "message") != null);
    assertThat(snapshots.status(ObjectRef.of(NS, "snap")))
        .isEqualTo(SnapshotStatus.failing("rpc error: DeadlineExceeded"));
    storage.snapshots().recoverSnapshotsOf(DATA);
    awaitSnapshot("snap", KubernetesVolumeSnapshotsTest::isReady);
    assertThat(snapshots.status(ObjectRef.of(NS, "snap"))).isEqualTo(SnapshotStatus.ready());
  }

  @Test
  void statusOfAMissingSnapshotIsMissing() {
    assertThat(snapshots.status(ObjectRef.of(NS, "nope"))).isEqualTo(SnapshotStatus.missing());
  }

  @Test
  void restoreBringsBackTheSnapshottedBytesUnderTheSameNameAndLabels() {
    createBoundPvc("data", null);
    storage.files().write(DATA, "PG_VERSION", "14".getBytes(UTF_8));
    takeReadySnapshot("snap", DATA);
    storage.files().write(DATA, "PG_VERSION", "15".getBytes(UTF_8));
    RestoreRequest restore = RestoreRequest.of(DATA, ObjectRef.of(NS, "snap"));

    snapshots.restore(restore);
    AwaitCondition.until(pvc("data"), Objects::isNull, WAIT);
    assertThat(snapshots.restoreStatus(restore).detail())
        .contains("recreates it from snapshot db/snap");
    snapshots.restore(restore);
    PersistentVolumeClaim restored = awaitPvc("data", KubernetesVolumeSnapshotsTest::isBound);

    assertThat(snapshots.restoreStatus(restore))
        .isEqualTo(RestoreStatus.done("PVC db/data is restored from snapshot db/snap and Bound"));
    assertThat(new String(storage.files().read(DATA, "PG_VERSION"), UTF_8)).isEqualTo("14");
    assertThat(restored.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "postgres");
    assertThat(restored.getSpec().getResources().getRequests())
        .containsEntry("storage", new Quantity("1Gi"));
    snapshots.restore(restore); // done: another step changes nothing
    assertThat(pvc("data").get().getMetadata().getUid()).isEqualTo(restored.getMetadata().getUid());
  }

  @Test
  @SuppressWarnings("unchecked")
  void restoredPvcAsksForAtLeastTheSnapshotsRestoreSize() {
    createBoundPvc("data", null);
    takeReadySnapshot("snap", DATA);
    snapshot("snap")
        .editStatus(
            live -> {
              ((Map<String, Object>) live.getAdditionalProperties().get("status"))
                  .put("restoreSize", "3Gi");
              return live;
            });
    RestoreRequest restore = RestoreRequest.of(DATA, ObjectRef.of(NS, "snap"));

    snapshots.restore(restore);
    AwaitCondition.until(pvc("data"), Objects::isNull, WAIT);
    snapshots.restore(restore);

    assertThat(
            awaitPvc("data", KubernetesVolumeSnapshotsTest::isBound)
                .getSpec()
                .getResources()
                .getRequests())
        .containsEntry("storage", new Quantity("3Gi"));
  }

  @Test
  void restoreWaitsForAPvcThatAPodStillMountsAndSaysWhy() {
    createBoundPvc("data", null);
    takeReadySnapshot("snap", DATA);
    mountInPod("data");
    RestoreRequest restore = RestoreRequest.of(DATA, ObjectRef.of(NS, "snap"));

    snapshots.restore(restore);
    awaitPvc("data", pvc -> pvc.getMetadata().getDeletionTimestamp() != null);
    snapshots.restore(restore);

    assertThat(snapshots.restoreStatus(restore))
        .isEqualTo(
            RestoreStatus.waiting(
                "old PVC db/data is still terminating (finalizers: kubernetes.io/pvc-protection)"));
    client.pods().inNamespace(NS).withName("db-0").delete();
    AwaitCondition.until(pvc("data"), Objects::isNull, WAIT);
    snapshots.restore(restore);
    awaitPvc("data", KubernetesVolumeSnapshotsTest::isBound);
    assertThat(snapshots.restoreStatus(restore).done()).isTrue();
  }

  @Test
  void restoreOnAWaitForFirstConsumerClassIsDoneWhilePending() {
    client
        .storage()
        .v1()
        .storageClasses()
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName("local")
                .endMetadata()
                .withProvisioner("sandbox")
                .withVolumeBindingMode("WaitForFirstConsumer")
                .build())
        .create();
    createPvc("data", "local");
    mountInPod("data");
    awaitPvc("data", KubernetesVolumeSnapshotsTest::isBound);
    takeReadySnapshot("snap", DATA);
    client.pods().inNamespace(NS).withName("db-0").delete();
    RestoreRequest restore = RestoreRequest.of(DATA, ObjectRef.of(NS, "snap"));

    snapshots.restore(restore);
    AwaitCondition.until(pvc("data"), Objects::isNull, WAIT);
    snapshots.restore(restore);
    awaitPvc(
        "data", pvc -> pvc.getStatus() != null && "Pending".equals(pvc.getStatus().getPhase()));

    RestoreStatus status = snapshots.restoreStatus(restore);
    assertThat(status.done()).isTrue();
    assertThat(status.detail()).contains("WaitForFirstConsumer");
  }

  @Test
  void refusesToRestoreFromASnapshotThatIsNotReadyAndKeepsThePvc() {
    createBoundPvc("data", null);
    storage.snapshots().failSnapshotsOf(DATA, "out of space");
    snapshots.create(request("snap", DATA, UPGRADE));
    awaitSnapshot("snap", snapshot -> snapshot.get("status", "error", "message") != null);

    assertThatThrownBy(() -> snapshots.restore(RestoreRequest.of(DATA, ObjectRef.of(NS, "snap"))))
        .isInstanceOf(VolumeSnapshotException.class)
        .hasMessage(
            "cannot restore PVC db/data: VolumeSnapshot db/snap is not readyToUse (error: out of space)");
    assertThatThrownBy(() -> snapshots.restore(RestoreRequest.of(DATA, ObjectRef.of(NS, "gone"))))
        .hasMessage("cannot restore PVC db/data: VolumeSnapshot db/gone does not exist");
    assertThat(pvc("data").get().getMetadata().getDeletionTimestamp()).isNull();
  }

  @Test
  void listsTheAppsSnapshotsAndRetentionKeepsWhatAPendingRollbackNeeds() {
    createBoundPvc("data", null);
    createBoundPvc("wal", null);
    ObjectRef older = ObjectRef.of("flux-system", "pg-13-to-14");
    takeReadySnapshot(request("older-data", DATA, OperationId.upgrade(older)));
    takeReadySnapshot(request("older-wal", ObjectRef.of(NS, "wal"), OperationId.upgrade(older)));
    takeReadySnapshot(request("newer-data", DATA, UPGRADE));
    takeReadySnapshot(
        SnapshotRequest.builder()
            .from(request("other-app", DATA, UPGRADE))
            .app(ObjectRef.of("flux-system", "redis"))
            .build());

    List<SnapshotRecord> listed = snapshots.list(APP, Set.of(APP.namespace(), NS));

    assertThat(listed)
        .extracting(record -> record.snapshot().name())
        .containsExactly("newer-data", "older-data", "older-wal");
    assertThat(listed.get(1).operation()).isEqualTo(older);
    assertThat(listed.get(2).pvc()).isEqualTo(ObjectRef.of(NS, "wal"));
    SnapshotRetention keepOne = SnapshotRetention.builder().maxCount(1).build();
    Instant later = clock.instant();
    assertThat(SnapshotRetentionRule.toDelete(listed, keepOne, Set.of(older), later)).isEmpty();
    assertThat(SnapshotRetentionRule.toDelete(listed, keepOne, Set.of(), later))
        .extracting(record -> record.snapshot().name())
        .containsExactly("older-data", "older-wal");
  }

  @Test
  void twoUpgradesInOneSecondAreOrderedByWhenTheyAskedNotByName() {
    // The driver stamps both snapshots with the same second; only the request time tells them
    // apart.
    storage.close();
    storage =
        new SandboxStorage(
            client,
            root,
            Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), java.time.ZoneOffset.UTC));
    snapshots =
        new KubernetesVolumeSnapshots(
            client, new TickingClock(Instant.parse("2025-06-01T12:00:00Z"), Duration.ofMillis(1)));
    createBoundPvc("data", null);
    ObjectRef older = ObjectRef.of("flux-system", "aaa-older");
    ObjectRef newer = ObjectRef.of("flux-system", "zzz-newer");
    takeReadySnapshot(request("older-data", DATA, OperationId.upgrade(older)));
    takeReadySnapshot(request("newer-data", DATA, OperationId.upgrade(newer)));

    List<SnapshotRecord> doomed =
        SnapshotRetentionRule.toDelete(
            snapshots.list(APP, Set.of(APP.namespace(), NS)),
            SnapshotRetention.builder().maxCount(1).build(),
            Set.of(),
            Instant.parse("2025-06-01T13:00:00Z"));

    assertThat(doomed).extracting(SnapshotRecord::operation).containsExactly(older);
  }

  @Test
  void deleteRemovesTheSnapshotAndIsANoOpOnceItIsGone() {
    createBoundPvc("data", null);
    snapshots.create(request("snap", DATA, UPGRADE));

    snapshots.delete(ObjectRef.of(NS, "snap"));
    snapshots.delete(ObjectRef.of(NS, "snap"));

    assertThat(snapshot("snap").get()).isNull();
    assertThat(snapshots.status(ObjectRef.of(NS, "snap"))).isEqualTo(SnapshotStatus.missing());
  }

  private SnapshotRequest request(String snapshot, ObjectRef pvc, OperationId operation) {
    return SnapshotRequest.builder()
        .snapshot(ObjectRef.of(pvc.namespace(), snapshot))
        .pvc(pvc)
        .app(APP)
        .operation(operation)
        .build();
  }

  private void takeReadySnapshot(String name, ObjectRef pvc) {
    takeReadySnapshot(request(name, pvc, UPGRADE));
  }

  private void takeReadySnapshot(SnapshotRequest request) {
    snapshots.create(request);
    awaitSnapshot(request.snapshot().name(), KubernetesVolumeSnapshotsTest::isReady);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> spec(String snapshot) {
    return (Map<String, Object>) snapshot(snapshot).get().getAdditionalProperties().get("spec");
  }

  private void createBoundPvc(String name, String storageClass) {
    createPvc(name, storageClass);
    awaitPvc(name, KubernetesVolumeSnapshotsTest::isBound);
  }

  private void createPvc(String name, String storageClass) {
    PersistentVolumeClaim pvc =
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .addToLabels("app.kubernetes.io/name", "postgres")
            .addToAnnotations("pv.kubernetes.io/bind-completed", "yes")
            .endMetadata()
            .withNewSpec()
            .withAccessModes("ReadWriteOnce")
            .withStorageClassName(storageClass)
            .withNewResources()
            .addToRequests("storage", new Quantity("1Gi"))
            .endResources()
            .endSpec()
            .build();
    client.persistentVolumeClaims().inNamespace(NS).resource(pvc).create();
  }

  private void mountInPod(String claimName) {
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("db-0")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .addNewVolume()
                .withName("data")
                .withNewPersistentVolumeClaim()
                .withClaimName(claimName)
                .endPersistentVolumeClaim()
                .endVolume()
                .addNewContainer()
                .withName("db")
                .withImage("postgres:14")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  private static boolean isBound(PersistentVolumeClaim pvc) {
    return pvc != null && pvc.getStatus() != null && "Bound".equals(pvc.getStatus().getPhase());
  }

  private static boolean isReady(GenericKubernetesResource snapshot) {
    return Boolean.TRUE.equals(snapshot.get("status", "readyToUse"));
  }

  private Resource<PersistentVolumeClaim> pvc(String name) {
    return client.persistentVolumeClaims().inNamespace(NS).withName(name);
  }

  private PersistentVolumeClaim awaitPvc(String name, Predicate<PersistentVolumeClaim> condition) {
    return AwaitCondition.until(pvc(name), pvc -> pvc != null && condition.test(pvc), WAIT);
  }

  private Resource<GenericKubernetesResource> snapshot(String name) {
    return VolumeSnapshotFields.volumeSnapshot(client, ObjectRef.of(NS, name));
  }

  private void awaitSnapshot(String name, Predicate<GenericKubernetesResource> condition) {
    AwaitCondition.until(
        snapshot(name), snapshot -> snapshot != null && condition.test(snapshot), WAIT);
  }
}
