package io.harbormaster.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.health.ConditionStatus;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RollbackRequest;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.operation.PhaseRow.FluxHold;
import io.harbormaster.core.operation.PhaseRow.NeedsRule;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The machines' phase tables: complete, consistent, and enforced by the machine. */
class PhaseTableTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final PhaseRow.Handler WAITS = (state, seen, now) -> Transition.waiting("test");

  private final ManagedApp app = SampleApp.app();
  private final UpgradeMachine upgrade = new UpgradeMachine(app, upgradeRequest());
  private final RollbackMachine rollback =
      new RollbackMachine(
          app,
          RollbackRequest.builder()
              .id(ObjectRef.of("shop", "back"))
              .upgrade(ObjectRef.of("shop", "up"))
              .build());

  @Test
  void everyPhaseThatIsNotAnEndIsRunByAMachine() {
    Set<Phase> run =
        Stream.of(upgrade, rollback)
            .flatMap(machine -> machine.phases().rows().stream())
            .map(PhaseRow::phase)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Phase.class)));

    assertThat(run)
        .as("a phase no table lists has no timeout, no needs and no handler")
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Phase.values()).filter(phase -> !phase.terminal()).toList());
  }

  @Test
  void aPhaseCannotBeListedWithoutItsNeedsTimeoutOrHandler() {
    assertThatThrownBy(
            () -> PhaseRow.of(Phase.SNAPSHOT, null, Duration.ofMinutes(1), FluxHold.RUNNING, WAITS))
        .hasMessage("Snapshot needs what it observes");
    assertThatThrownBy(
            () -> PhaseRow.of(Phase.SNAPSHOT, NeedsRule.nothing(), null, FluxHold.RUNNING, WAITS))
        .hasMessage("Snapshot needs a timeout");
    assertThatThrownBy(
            () ->
                PhaseRow.of(
                    Phase.SNAPSHOT, NeedsRule.nothing(), Duration.ZERO, FluxHold.RUNNING, WAITS))
        .hasMessageContaining("a timeout of PT0S for Snapshot makes no sense");
    assertThatThrownBy(
            () ->
                PhaseRow.of(
                    Phase.SNAPSHOT,
                    NeedsRule.nothing(),
                    Duration.ofMinutes(1),
                    FluxHold.RUNNING,
                    null))
        .hasMessage("Snapshot needs a handler");
    assertThatThrownBy(
            () ->
                PhaseRow.of(
                    Phase.COMPLETED,
                    NeedsRule.nothing(),
                    Duration.ofMinutes(1),
                    FluxHold.RUNNING,
                    WAITS))
        .hasMessageContaining("Completed is terminal");
  }

  @Test
  void aTableListsAPhaseOnce() {
    PhaseRow suspend =
        PhaseRow.of(
            Phase.SUSPEND, NeedsRule.nothing(), Duration.ofMinutes(1), FluxHold.RUNNING, WAITS);

    assertThatThrownBy(() -> PhaseTable.of("an upgrade", suspend, suspend))
        .hasMessage("an upgrade lists phase Suspend twice");
  }

  @Test
  void aStateInAPhaseTheMachineDoesNotRunIsABug() {
    OperationState restoring = upgrade.start(T0).with(b -> b.phase(Phase.VOLUME_RESTORE));

    assertThatThrownBy(() -> upgrade.step(restoring, Observations.builder().build(), T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("an upgrade has no phase VolumeRestore");
  }

  @Test
  void fluxIsHeldSuspendedInEveryPhaseAfterSuspendAndBeforeReconcile() {
    for (PhaseMachine machine : List.of(upgrade, rollback)) {
      List<Phase> order = machine.phases().rows().stream().map(PhaseRow::phase).toList();
      for (PhaseRow row : machine.phases().rows()) {
        int at = order.indexOf(row.phase());
        boolean between = at > order.indexOf(Phase.SUSPEND) && at < order.indexOf(Phase.RECONCILE);
        assertThat(row.flux() == FluxHold.SUSPENDED).as(row.phase().display()).isEqualTo(between);
      }
    }
  }

  @Test
  void everyPhaseHeldUnderASuspendFailsWhenSomeoneElseResumesFluxBeforeItsHandlerActs() {
    Observations resumed = Observations.builder().flux(fluxSuspended(false)).build();
    for (PhaseMachine machine : List.of(upgrade, rollback)) {
      for (PhaseRow row : machine.phases().rows()) {
        if (row.flux() != FluxHold.SUSPENDED) {
          continue;
        }
        OperationState state =
            upgrade
                .start(T0)
                .with(b -> b.phase(row.phase()).commitId("0123456789ab").revertOf("0123456789ab"));

        Step step = machine.step(state, resumed, T0.plusSeconds(1));

        assertThat(step.state().phase()).as(row.phase().display()).isEqualTo(Phase.FAILED);
        assertThat(step.state().message().orElseThrow())
            .contains("was resumed by someone else while Harbormaster had it suspended");
        assertThat(step.actions()).noneMatch(Action::mutates);
      }
    }
  }

  @Test
  void theHealthCheckTakesTheAppsOwnTimeout() {
    ManagedApp patient =
        ManagedApp.builder().from(app).healthCheckTimeout(Duration.ofMinutes(17)).build();

    assertThat(new UpgradeMachine(patient, upgradeRequest()).timeout(Phase.HEALTH_CHECK))
        .isEqualTo(Duration.ofMinutes(17));
  }

  private UpgradeRequest upgradeRequest() {
    return UpgradeRequest.builder()
        .id(ObjectRef.of("shop", "up"))
        .app(app.id())
        .target(TargetVersion.of("15.2.0"))
        .build();
  }

  private Map<FluxRef, FluxStatus> fluxSuspended(boolean suspended) {
    return app.flux().objects().stream()
        .collect(
            Collectors.toMap(
                Function.identity(),
                ref ->
                    FluxStatus.builder()
                        .ref(ref)
                        .suspended(suspended)
                        .ready(ConditionStatus.TRUE)
                        .build()));
  }
}
