package io.harbormaster.sandbox.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.sandbox.apiserver.TestApiServer;
import io.harbormaster.sandbox.await.AwaitCondition;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Tag("both-api-servers")
class SandboxStorageTest {
  private static final String NS = "db";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension final TestApiServer api = new TestApiServer("db");
  KubernetesClient client;
  @TempDir Path root;
  private SandboxStorage storage;

  @BeforeEach
  void startStorage() {
    client = api.client();
    storage = new SandboxStorage(client, root, Clock.systemUTC());
  }

  @AfterEach
  void stopStorage() {
    storage.close();
  }

  @Test
  void bindsAPendingClaimToANewVolumeAndProtectsIt() {
    create(pvc("data", null, "2Gi"));

    PersistentVolumeClaim bound = awaitClaim("data", SandboxStorageTest::isBound);

    assertThat(bound.getStatus().getCapacity()).containsEntry("storage", new Quantity("2Gi"));
    assertThat(bound.getMetadata().getFinalizers()).contains(PvcBinder.PROTECTION_FINALIZER);
    assertThat(
            client
                .persistentVolumes()
                .withName(bound.getSpec().getVolumeName())
                .get()
                .getSpec()
                .getClaimRef()
                .getName())
        .isEqualTo("data");
  }

  @Test
  void waitForFirstConsumerClaimBindsOnlyOnceAPodMountsIt() {
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
    create(pvc("data", "local", "1Gi"));

    awaitClaim("data", claim -> "Pending".equals(phase(claim)));
    createPod("db-0", "data");

    awaitClaim("data", SandboxStorageTest::isBound);
  }

  @Test
  void deletedClaimStaysWhileAPodMountsItAndGoesWithItsVolumeAfterwards() {
    create(pvc("data", null, "1Gi"));
    String volume = awaitClaim("data", SandboxStorageTest::isBound).getSpec().getVolumeName();
    createPod("db-0", "data");
    claim("data").delete();
    // A pass settles deleted PVCs before binding: once a PVC created later is bound, the deletion
    // was seen.
    create(pvc("witness", null, "1Gi"));
    awaitClaim("witness", SandboxStorageTest::isBound);

    assertThat(claim("data").get().getMetadata().getFinalizers())
        .containsExactly(PvcBinder.PROTECTION_FINALIZER);

    client.pods().inNamespace(NS).withName("db-0").delete();
    AwaitCondition.until(claim("data"), Objects::isNull, WAIT);
    AwaitCondition.until(client.persistentVolumes().withName(volume), Objects::isNull, WAIT);
    assertThat(root.resolve("volumes").resolve(volume)).doesNotExist();
  }

  @Test
  void restoresTheBytesASnapshotCopied() {
    ObjectRef data = ObjectRef.of(NS, "data");
    create(pvc("data", null, "1Gi"));
    awaitClaim("data", SandboxStorageTest::isBound);
    storage.files().write(data, "pgdata/PG_VERSION", "14".getBytes(UTF_8));

    createSnapshot("before-upgrade", "data");
    GenericKubernetesResource ready = awaitSnapshot("before-upgrade", SandboxStorageTest::isReady);
    storage.files().write(data, "pgdata/PG_VERSION", "15".getBytes(UTF_8));
    create(
        new PersistentVolumeClaimBuilder(pvc("restored", null, "512Mi"))
            .editSpec()
            .withNewDataSource()
            .withApiGroup("snapshot.storage.k8s.io")
            .withKind("VolumeSnapshot")
            .withName("before-upgrade")
            .endDataSource()
            .endSpec()
            .build());

    PersistentVolumeClaim restored = awaitClaim("restored", SandboxStorageTest::isBound);
    assertThat(
            new String(
                storage.files().read(ObjectRef.of(NS, "restored"), "pgdata/PG_VERSION"), UTF_8))
        .isEqualTo("14");
    assertThat(new String(storage.files().read(data, "pgdata/PG_VERSION"), UTF_8)).isEqualTo("15");
    assertThat((String) ready.get("status", "restoreSize")).isEqualTo("1Gi");
    assertThat((String) ready.get("status", "boundVolumeSnapshotContentName"))
        .startsWith("snapcontent-");
    assertThat(restored.getStatus().getCapacity()).containsEntry("storage", new Quantity("1Gi"));
  }

  @Test
  void failingSnapshotsReportAnErrorUntilTheyRecover() {
    ObjectRef data = ObjectRef.of(NS, "data");
    create(pvc("data", null, "1Gi"));
    awaitClaim("data", SandboxStorageTest::isBound);
    storage.snapshots().failSnapshotsOf(data, "driver timed out");

    createSnapshot("snap", "data");
    GenericKubernetesResource failing =
        awaitSnapshot(
            "snap",
            snapshot -> "driver timed out".equals(snapshot.get("status", "error", "message")));
    assertThat((Boolean) failing.get("status", "readyToUse")).isFalse();

    storage.snapshots().recoverSnapshotsOf(data);
    GenericKubernetesResource ready = awaitSnapshot("snap", SandboxStorageTest::isReady);
    Object error = ready.get("status", "error");
    assertThat(error).isNull();
  }

  @Test
  void filesOfAnUnboundClaimAreRefusedWithTheReason() {
    assertThatThrownBy(() -> storage.files().read(ObjectRef.of(NS, "nope"), "x"))
        .hasMessageContaining("PVC db/nope not found");
  }

  private static boolean isBound(PersistentVolumeClaim claim) {
    return claim != null && "Bound".equals(phase(claim)) && claim.getSpec().getVolumeName() != null;
  }

  private static String phase(PersistentVolumeClaim claim) {
    return claim == null || claim.getStatus() == null ? null : claim.getStatus().getPhase();
  }

  private static boolean isReady(GenericKubernetesResource snapshot) {
    return snapshot != null && Boolean.TRUE.equals(snapshot.get("status", "readyToUse"));
  }

  private PersistentVolumeClaim awaitClaim(
      String name, Predicate<PersistentVolumeClaim> condition) {
    return AwaitCondition.until(claim(name), condition, WAIT);
  }

  private GenericKubernetesResource awaitSnapshot(
      String name, Predicate<GenericKubernetesResource> condition) {
    return AwaitCondition.until(
        VolumeSnapshotCrd.volumeSnapshots(client).inNamespace(NS).withName(name),
        snapshot -> snapshot != null && condition.test(snapshot),
        WAIT);
  }

  private Resource<PersistentVolumeClaim> claim(String name) {
    return client.persistentVolumeClaims().inNamespace(NS).withName(name);
  }

  private void create(PersistentVolumeClaim claim) {
    client.persistentVolumeClaims().inNamespace(NS).resource(claim).create();
  }

  private void createPod(String name, String claimName) {
    client.pods().inNamespace(NS).resource(TestClaims.podMounting(NS, name, claimName)).create();
  }

  private void createSnapshot(String name, String claimName) {
    VolumeSnapshotCrd.volumeSnapshots(client)
        .inNamespace(NS)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion(VolumeSnapshotCrd.API_VERSION)
                .withKind(VolumeSnapshotCrd.KIND)
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .addToAdditionalProperties(
                    "spec", Map.of("source", Map.of("persistentVolumeClaimName", claimName)))
                .build())
        .create();
  }

  private static PersistentVolumeClaim pvc(String name, String storageClass, String size) {
    return TestClaims.pvc(NS, name, storageClass, size);
  }
}
