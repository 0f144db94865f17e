package io.harbormaster.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.discovery.VolumeTarget;
import io.harbormaster.core.discovery.WorkloadTarget;
import io.harbormaster.core.health.ConditionStatus;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.health.WorkloadStatus;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.port.EventRecorder;
import io.harbormaster.core.port.SnapshotStatus;
import io.harbormaster.core.port.ValueChange;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a step that fails ends: what of its actions still run, and what its message says it waited
 * for and how long.
 */
class FailingStepTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final ObjectRef WAL = ObjectRef.of("shop", "wal-postgres-0");

  private final ManagedApp app = SampleApp.app();
  private final UpgradeRequest request =
      UpgradeRequest.builder()
          .id(ObjectRef.of("shop", "up"))
          .app(app.id())
          .target(TargetVersion.of("15.2.0"))
          .build();
  private final UpgradeMachine machine = new UpgradeMachine(app, request);

  private Map<FluxRef, FluxStatus> flux(boolean suspended) {
    return app.flux().objects().stream()
        .collect(
            Collectors.toMap(
                ref -> ref,
                ref ->
                    FluxStatus.builder()
                        .ref(ref)
                        .suspended(suspended)
                        .ready(ConditionStatus.TRUE)
                        .build()));
  }

  private static OperationState inPhase(UpgradeMachine machine, Phase phase) {
    return machine
        .start(T0)
        .with(
            b ->
                b.phase(phase)
                    .addWorkload(WorkloadTarget.of(SampleApp.DATABASE, "owned by the app"))
                    .addVolume(VolumeTarget.of(SampleApp.DATA, "RWO"))
                    .addVolume(VolumeTarget.of(WAL, "RWO"))
                    .putOriginalReplica(SampleApp.DATABASE, 1)
                    .addVersionChange(ValueChange.of(SampleApp.VERSION_PATH, "15.1.0", "15.2.0")));
  }

  @Test
  void aStepThatTimesOutStillReportsWhatItSawButChangesNothing() {
    OperationState snapshotting = inPhase(machine, Phase.SNAPSHOT);
    Observations failing =
        Observations.builder()
            .flux(flux(true))
            .putSnapshot(
                SnapshotNames.of(snapshotting.id(), SampleApp.DATA),
                SnapshotStatus.failing("quota exceeded"))
            .build();

    Step waiting = machine.step(snapshotting, failing, T0.plus(Duration.ofMinutes(29)));
    Step timedOut = machine.step(snapshotting, failing, T0.plus(Duration.ofMinutes(30)));

    assertThat(waiting.actions())
        .as("before the deadline: the missing snapshot is created")
        .anyMatch(action -> action instanceof Action.CreateSnapshot);
    assertThat(timedOut.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(timedOut.actions())
        .containsExactly(
            new Action.RecordEvent(
                EventRecorder.Type.WARNING,
                "SnapshotError",
                "shop/up-data-postgres-0: quota exceeded"),
            new Action.RecordEvent(
                EventRecorder.Type.WARNING, "Failed", timedOut.state().message().orElseThrow()));
  }

  @ParameterizedTest
  @CsvSource({"PT1H, 1h", "PT90S, 90s", "PT10M, 10m"})
  void aTimeoutNamesThePhasesLimitInItsLargestWholeUnit(Duration limit, String shown) {
    ManagedApp patient = ManagedApp.builder().from(app).healthCheckTimeout(limit).build();
    UpgradeMachine upgrade = new UpgradeMachine(patient, request);
    OperationState checking = inPhase(upgrade, Phase.HEALTH_CHECK).with(b -> b.commitId(COMMIT));
    Observations unhealthy =
        Observations.builder()
            .flux(flux(false))
            .putWorkload(SampleApp.DATABASE, WorkloadStatus.of(SampleApp.DATABASE, 1, 0))
            .build();

    Step step = upgrade.step(checking, unhealthy, T0.plus(limit));

    assertThat(step.state().message().orElseThrow())
        .startsWith("phase HealthCheck timed out after " + shown + " waiting for the app to be");
  }

  @Test
  void aScaleDownThatTimesOutNamesTheWorkloadsStillRunning() {
    Observations running =
        Observations.builder()
            .flux(flux(true))
            .putWorkload(SampleApp.DATABASE, WorkloadStatus.of(SampleApp.DATABASE, 1, 1))
            .build();

    Step step =
        machine.step(inPhase(machine, Phase.SCALE_DOWN), running, T0.plus(Duration.ofMinutes(5)));

    assertThat(step.state().message())
        .contains(
            "phase ScaleDown timed out after 5m waiting for workloads to stop: [StatefulSet"
                + " shop/postgres]");
  }

  @Test
  void aScaleDownWithNoWorkloadSaysSo() {
    OperationState nothingMounts =
        inPhase(machine, Phase.SCALE_DOWN)
            .with(b -> b.workloads(java.util.List.of()).originalReplicas(Map.of()));

    Step step =
        machine.step(
            nothingMounts,
            Observations.builder().flux(flux(true)).versionPreview(List.of()).build(),
            T0.plusSeconds(1));

    assertThat(step.state().phase()).isEqualTo(Phase.SNAPSHOT);
    assertThat(step.state().history())
        .last()
        .extracting(PhaseRecord::summary)
        .isEqualTo("stopped no workloads (none mounts the volumes)");
  }

  @Test
  void aFinishedOperationStepsNoMoreAndCountsNoAttempt() {
    OperationState completed =
        inPhase(machine, Phase.COMPLETED).with(b -> b.settled(true).commitId(COMMIT));

    Step step = machine.step(completed, Observations.none(), T0.plus(Duration.ofDays(1)));
    Step failedRead =
        machine.observationFailed(completed, "connection refused", T0.plus(Duration.ofDays(1)));

    assertThat(step.state()).isEqualTo(completed);
    assertThat(step.actions()).isEmpty();
    assertThat(step.deadline()).isEmpty();
    assertThat(failedRead.state()).isEqualTo(completed);
    assertThat(failedRead.actions()).isEmpty();
  }

  @Test
  void aHelmReleaseFluxGivesUpOnDuringHealthCheckFailsItAtOnce() {
    OperationState checking = inPhase(machine, Phase.HEALTH_CHECK).with(b -> b.commitId(COMMIT));
    Map<FluxRef, FluxStatus> stalled = new java.util.HashMap<>(flux(false));
    stalled.put(
        app.flux().primary(),
        FluxStatus.builder()
            .from(stalled.get(app.flux().primary()))
            .stalled("RetriesExceeded: Failed to upgrade after 1 attempt(s)")
            .build());
    Observations gaveUp =
        Observations.builder()
            .flux(stalled)
            .putWorkload(SampleApp.DATABASE, WorkloadStatus.of(SampleApp.DATABASE, 1, 0))
            .build();

    Step step = machine.step(checking, gaveUp, T0.plusSeconds(20));

    assertThat(step.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(step.state().failedIn()).contains(Phase.HEALTH_CHECK);
    assertThat(step.state().message())
        .contains(
            "Flux gave up: HelmRelease shop/postgres is Stalled (RetriesExceeded: Failed to upgrade"
                + " after 1 attempt(s)); rolling back");
  }
}
