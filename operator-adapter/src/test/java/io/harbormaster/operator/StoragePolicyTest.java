package io.harbormaster.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.api.crd.StoragePolicy;
import io.harbormaster.api.crd.StoragePolicySpec;
import io.harbormaster.api.crd.StoragePolicyStatus;
import io.harbormaster.sandbox.await.AwaitCondition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator runs StoragePolicies on the sandbox: its kubelets report the usage a test sets, its
 * resizer and kubelets finish a growth (the filesystem grows once a pod mounts the volume). On a
 * real API server the operator runs under deploy/'s RBAC.
 */
@Tag("both-api-servers")
class StoragePolicyTest {
  private static final String NS = FleetApps.DB_NAMESPACE;
  private static final long GI = SizedVolumes.GI;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path work;
  private OperatorCluster cluster;
  private SizedVolumes volumes;

  @BeforeEach
  void start() {
    cluster = new OperatorCluster(work);
    volumes = new SizedVolumes(cluster, NS);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private void sized(String pvc, long usedBytes) {
    volumes.sized(pvc, usedBytes);
  }

  private void policy(String name, StoragePolicySpec spec) {
    volumes.policy(name, spec);
  }

  private static StoragePolicySpec spec(
      String limit, StoragePolicySpec.MaintenanceWindow window, int perDay, int reserved) {
    return SizedVolumes.spec(limit, window, perDay, reserved);
  }

  private PersistentVolumeClaim awaitCapacity(String pvc, long bytes) {
    return volumes.awaitCapacity(pvc, bytes);
  }

  private Resource<StoragePolicy> policy(String name) {
    return cluster.client.resources(StoragePolicy.class).inNamespace(NS).withName(name);
  }

  private StoragePolicy awaitPolicy(String name, Predicate<StoragePolicyStatus> condition) {
    return AwaitCondition.until(
        policy(name),
        policy ->
            policy != null && policy.getStatus() != null && condition.test(policy.getStatus()),
        WAIT);
  }

  private static Optional<StoragePolicyStatus.VolumeItem> volume(
      StoragePolicyStatus status, String pvc) {
    return Optional.ofNullable(status.volumes()).orElse(List.of()).stream()
        .filter(item -> item.name().equals(pvc))
        .findFirst();
  }

  private static Predicate<StoragePolicyStatus> decided(String pvc, String decision) {
    return status ->
        volume(status, pvc).map(item -> decision.equals(item.decision())).orElse(false);
  }

  private List<Event> eventsOf(String policy, String reason) {
    return cluster.client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(event -> policy.equals(event.getInvolvedObject().getName()))
        .filter(event -> reason.equals(event.getReason()))
        .toList();
  }

  @Test
  void aPvcPastItsBufferGrowsAndStaysSteadyOnceItsFilesystemShowsIt() {
    sized("data-0", 9 * GI);
    policy("data", spec("20Gi", null, 4, 1));

    // 9Gi used keeps 20 % free at 11.25Gi: 10Gi grows by two 1Gi steps.
    awaitCapacity("data-0", 12 * GI);
    StoragePolicy grown = awaitPolicy("data", decided("data-0", "Steady"));

    StoragePolicyStatus status = grown.getStatus();
    assertThat(status.growths()).hasSize(1);
    assertThat(status.growths().get(0).fromBytes()).isEqualTo(10 * GI);
    assertThat(status.growths().get(0).toBytes()).isEqualTo(12 * GI);
    assertThat(status.growths().get(0).kind()).isEqualTo("Planned");
    assertThat(status.budget().spent()).isEqualTo(1);
    assertThat(status.budget().leftForPlanned()).isEqualTo(2);
    assertThat(volume(status, "data-0").orElseThrow().lastGrowth()).endsWith("10Gi to 12Gi");
    assertThat(eventsOf("data", "Growth"))
        .singleElement()
        .satisfies(event -> assertThat(event.getMessage()).contains("data-0 from 10Gi to 12Gi"));
  }

  @Test
  void nearItsLimitAPvcGrowsToTheLimitAndThenNoMore() {
    sized("data-0", 9 * GI);
    policy("data", spec("11Gi", null, 4, 1));

    awaitCapacity("data-0", 11 * GI);
    volumes.use("data-0", 10 * GI);
    StoragePolicy atLimit = awaitPolicy("data", decided("data-0", "AtLimit"));

    assertThat(volume(atLimit.getStatus(), "data-0").orElseThrow().message())
        .contains("at the limit 11Gi");
    assertThat(atLimit.getStatus().growths()).hasSize(1);
    assertThat(eventsOf("data", "AtLimit")).hasSize(1);
  }

  @Test
  void outsideTheWindowAPlannedGrowthQueuesAndAnEmergencyGrowsAtOnce() {
    sized("planned-0", 9 * GI);
    sized("critical-0", 10 * GI - GI / 4);
    int closedHour = ZonedDateTime.now(ZoneOffset.UTC).plusHours(12).getHour();
    policy(
        "data",
        spec(
            "20Gi",
            new StoragePolicySpec.MaintenanceWindow("0 " + closedHour + " * * *", "1h"),
            4,
            1));

    // 9.75Gi used: 20 % free needs 12.2Gi, so three 1Gi steps.
    awaitCapacity("critical-0", 13 * GI);
    StoragePolicy queued = awaitPolicy("data", decided("planned-0", "Queued"));

    StoragePolicyStatus.VolumeItem planned = volume(queued.getStatus(), "planned-0").orElseThrow();
    assertThat(planned.nextSize()).isEqualTo("12Gi");
    assertThat(planned.nextAt()).isNotNull();
    assertThat(planned.message()).contains("maintenance window");
    assertThat(queued.getStatus().window()).contains("(5 fields, at second 0; UTC)");
    assertThat(queued.getStatus().growths())
        .singleElement()
        .satisfies(growth -> assertThat(growth.kind()).isEqualTo("Emergency"));
    assertThat(eventsOf("data", "EmergencyGrowth")).hasSize(1);
    assertThat(eventsOf("data", "GrowthQueued")).hasSize(1);
  }

  @Test
  void theBudgetIsCountedFromTheStatusSoARestartedOperatorSpendsNoMore() {
    sized("first-0", 9 * GI);
    policy("data", spec("20Gi", null, 2, 1));
    awaitCapacity("first-0", 12 * GI);

    cluster.stopOperator();
    sized("second-0", 9 * GI);
    cluster.startOperator();
    StoragePolicy queued = awaitPolicy("data", decided("second-0", "Queued"));

    assertThat(queued.getStatus().budget().spent()).isEqualTo(1);
    assertThat(queued.getStatus().budget().leftForPlanned()).isZero();
    assertThat(volume(queued.getStatus(), "second-0").orElseThrow().message()).contains("budget");
    assertThat(volumes.requested("second-0")).isEqualTo(new Quantity("10Gi"));
  }

  @Test
  void unknownUsageIsShownWithWhyAndNeverActedOn() {
    volumes.claims.claim("idle-0", "10Gi", SizedVolumes.STORAGE_CLASS, SizedVolumes.LABELS);
    volumes.use("idle-0", 10 * GI);
    policy("data", spec("20Gi", null, 4, 1));

    StoragePolicy shown = awaitPolicy("data", decided("idle-0", "UsageUnknown"));

    StoragePolicyStatus.VolumeItem idle = volume(shown.getStatus(), "idle-0").orElseThrow();
    assertThat(idle.state()).isEqualTo("UsageUnknown");
    assertThat(idle.message()).contains("no running pod mounts it");
    assertThat(idle.used()).isNull();
    assertThat(shown.getStatus().growths()).isNullOrEmpty();
  }

  @Test
  void aResizeWaitingForAPodIsDanglingUntilThePodComesBack() {
    sized("data-0", 9 * GI);
    volumes.claims.scale("data-0", 0);
    // Grown while no pod mounts it: the filesystem step waits for a pod.
    cluster
        .client
        .persistentVolumeClaims()
        .inNamespace(NS)
        .withName("data-0")
        .edit(
            pvc -> {
              pvc.getSpec().getResources().getRequests().put("storage", new Quantity("11Gi"));
              return pvc;
            });
    policy("data", spec("20Gi", null, 4, 1));

    StoragePolicy dangling = awaitPolicy("data", decided("data-0", "NotGrowable"));
    assertThat(volume(dangling.getStatus(), "data-0").orElseThrow().state())
        .isEqualTo("DanglingResize");
    assertThat(eventsOf("data", "CannotGrow"))
        .singleElement()
        .satisfies(event -> assertThat(event.getMessage()).contains("start the workload"));

    volumes.claims.scale("data-0", 1);
    awaitCapacity("data-0", 11 * GI);
    awaitPolicy(
        "data",
        status ->
            volume(status, "data-0")
                .map(item -> !"DanglingResize".equals(item.state()))
                .orElse(false));
  }

  @Test
  void thePvcsOfOnePodAreSizedEachOnItsOwn() {
    volumes.claims.claim("data-0", "10Gi", SizedVolumes.STORAGE_CLASS, SizedVolumes.LABELS);
    volumes.claims.claim("wal-0", "10Gi", SizedVolumes.STORAGE_CLASS, SizedVolumes.LABELS);
    volumes.claims.mount("data-0", "wal-0");
    volumes.use("data-0", 3 * GI);
    volumes.use("wal-0", 9 * GI);
    policy("data", spec("20Gi", null, 4, 1));

    awaitCapacity("wal-0", 12 * GI);
    StoragePolicy sized = awaitPolicy("data", decided("wal-0", "Steady"));

    assertThat(volume(sized.getStatus(), "data-0").orElseThrow().decision()).isEqualTo("Steady");
    assertThat(volumes.requested("data-0")).isEqualTo(new Quantity("10Gi"));
    assertThat(sized.getStatus().growths())
        .singleElement()
        .satisfies(growth -> assertThat(growth.pvc()).isEqualTo("wal-0"));
  }

  @Test
  void aSecondGrowthInsideTheMinimumIntervalWaits() {
    sized("data-0", 9 * GI);
    StoragePolicySpec hourApart = spec("20Gi", null, 4, 1);
    policy(
        "data",
        new StoragePolicySpec(
            hourApart.selector(), null, "10Gi", "20Gi", 20, 95, "1Gi", "1Gi", null, 4, 1, "1h"));
    awaitCapacity("data-0", 12 * GI);

    volumes.use("data-0", 11 * GI);
    StoragePolicy queued = awaitPolicy("data", decided("data-0", "Queued"));

    assertThat(volume(queued.getStatus(), "data-0").orElseThrow().message())
        .contains("its last resize was less than 1h ago");
    assertThat(volumes.requested("data-0")).isEqualTo(new Quantity("12Gi"));
    assertThat(queued.getStatus().growths()).hasSize(1);
  }

  @Test
  void usageFollowsThePodToAnotherNode() {
    sized("data-0", 5 * GI);
    policy("data", spec("20Gi", null, 4, 1));
    awaitPolicy("data", decided("data-0", "Steady"));
    String first =
        cluster
            .client
            .pods()
            .inNamespace(NS)
            .withLabel("uses", "data-0")
            .list()
            .getItems()
            .get(0)
            .getSpec()
            .getNodeName();

    cluster.sandbox.nodes().cordon(first);
    cluster.client.pods().inNamespace(NS).withLabel("uses", "data-0").delete();
    volumes.use("data-0", 9 * GI);

    awaitCapacity("data-0", 12 * GI);
    String second =
        cluster.client.pods().inNamespace(NS).withLabel("uses", "data-0").list().getItems().stream()
            .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
            .findFirst()
            .orElseThrow()
            .getSpec()
            .getNodeName();
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void aStatefulSetScaledUpAfterAGrowthStartsItsNewReplicaAtItsPeersSize() {
    volumes.claims.statefulSet("pg", 2, "10Gi", SizedVolumes.STORAGE_CLASS, SizedVolumes.LABELS);
    volumes.use("data-pg-0", 9 * GI);
    volumes.use("data-pg-1", 9 * GI);
    // A window that is not open now: the planned growths wait for it, a new replica does not.
    int closedHour = ZonedDateTime.now(ZoneOffset.UTC).plusHours(12).getHour();
    policy("data", spec("20Gi", null, 4, 1));
    awaitCapacity("data-pg-0", 12 * GI);
    awaitCapacity("data-pg-1", 12 * GI);
    volumes.changePolicy(
        "data",
        "{\"maintenanceWindow\":{\"schedule\":\"0 "
            + closedHour
            + " * * *\",\"duration\":\"1h\"}}");

    volumes.claims.scaleStatefulSet("pg", 3);
    awaitCapacity("data-pg-2", 12 * GI);

    StoragePolicy sized =
        awaitPolicy("data", status -> status.growths() != null && status.growths().size() == 3);
    assertThat(sized.getStatus().growths())
        .filteredOn(growth -> growth.pvc().equals("data-pg-2"))
        .singleElement()
        .satisfies(growth -> assertThat(growth.kind()).isEqualTo("Peers"));
    // data-pg-1 may have been grown to its peer's size too, once data-pg-0's growth was under way.
    assertThat(eventsOf("data", "PeerGrowth"))
        .extracting(Event::getMessage)
        .contains("growing data-pg-2 from 10Gi to 12Gi");
  }

  @Test
  void aPvcMadeSmallerThanThePolicysRequestStartsAtTheRequest() {
    volumes.claims.claim("small-0", "5Gi", SizedVolumes.STORAGE_CLASS, SizedVolumes.LABELS);
    volumes.claims.mount("small-0");
    volumes.use("small-0", GI);
    policy("data", spec("20Gi", null, 4, 1));

    awaitCapacity("small-0", 10 * GI);
    StoragePolicy sized = awaitPolicy("data", decided("small-0", "Steady"));

    assertThat(sized.getStatus().growths())
        .singleElement()
        .satisfies(growth -> assertThat(growth.kind()).isEqualTo("Planned"));
  }

  @Test
  void aPolicyLoweredBelowAGrownPvcNeitherShrinksItNorGrowsItAgain() {
    sized("data-0", 9 * GI);
    policy("data", spec("20Gi", null, 4, 1));
    awaitCapacity("data-0", 12 * GI);

    volumes.changePolicy("data", "{\"limit\":\"11Gi\"}");
    volumes.use("data-0", 11 * GI);
    StoragePolicy atLimit = awaitPolicy("data", decided("data-0", "AtLimit"));

    assertThat(volume(atLimit.getStatus(), "data-0").orElseThrow().message())
        .contains("at the limit 11Gi");
    assertThat(volumes.requested("data-0")).isEqualTo(new Quantity("12Gi"));
    assertThat(atLimit.getStatus().growths()).hasSize(1);
  }

  /**
   * The reference system's deadlock: a rolling restart waited for a resize to finish while the
   * resize (FileSystemResizePending) waited for a pod. Here the growths land while the pods are
   * replaced one after the other, and every resize finishes once a pod mounts its volume again.
   */
  @Test
  void growthsDuringARollingRestartFinishWithoutADeadlock() {
    volumes.claims.statefulSet("pg", 2, "10Gi", SizedVolumes.STORAGE_CLASS, SizedVolumes.LABELS);
    volumes.use("data-pg-0", 9 * GI);
    volumes.use("data-pg-1", 9 * GI);

    policy("data", spec("20Gi", null, 4, 1));
    cluster
        .client
        .apps()
        .statefulSets()
        .inNamespace(NS)
        .withName("pg")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":"
                + "{\"kubectl.kubernetes.io/restartedAt\":\"2026-11-28T05:00:00Z\"}}}}}");

    awaitCapacity("data-pg-0", 12 * GI);
    awaitCapacity("data-pg-1", 12 * GI);
    StoragePolicy settled =
        awaitPolicy(
            "data",
            status ->
                decided("data-pg-0", "Steady").test(status)
                    && decided("data-pg-1", "Steady").test(status));
    assertThat(settled.getStatus().growths()).hasSize(2);
  }

  @Test
  void anInvalidPolicyIsRefusedWithTheFieldNamed() {
    sized("data-0", 9 * GI);
    StoragePolicySpec valid = spec("20Gi", null, 4, 1);
    policy(
        "data",
        new StoragePolicySpec(
            valid.selector(),
            null,
            "10Gi",
            "20Gi",
            20,
            80,
            "1Gi",
            "1Gi",
            new StoragePolicySpec.MaintenanceWindow("0 3 * *", "1h"),
            4,
            1,
            "1s"));

    StoragePolicy refused =
        awaitPolicy(
            "data",
            status ->
                Optional.ofNullable(status.conditions()).orElse(List.of()).stream()
                    .anyMatch(condition -> "InvalidPolicy".equals(condition.getReason())));

    Condition ready =
        refused.getStatus().conditions().stream()
            .filter(condition -> "Ready".equals(condition.getType()))
            .findFirst()
            .orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getMessage()).startsWith("spec.criticalThreshold: 80 must be above");
    assertThat(volumes.requested("data-0")).isEqualTo(new Quantity("10Gi"));
  }
}
