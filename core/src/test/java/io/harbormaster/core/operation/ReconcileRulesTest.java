package io.harbormaster.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.discovery.WorkloadTarget;
import io.harbormaster.core.health.ConditionStatus;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SourceKind;
import io.harbormaster.core.model.SourceRef;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.port.ValueChange;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Reconcile, which both operations run after their commit: the applier is resumed and asked to
 * apply, the objects under it resumed once it has, and the phase ends when Flux is Ready on the
 * commit, starting the workloads that ran before.
 */
class ReconcileRulesTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final String OLDER = "fedcba9876543210fedcba9876543210fedcba98";

  private final ManagedApp app = SampleApp.app();
  private final UpgradeMachine machine =
      new UpgradeMachine(
          app,
          UpgradeRequest.builder()
              .id(ObjectRef.of("shop", "up"))
              .app(app.id())
              .target(TargetVersion.of("15.2.0"))
              .build());
  private final OperationState reconciling =
      machine
          .start(T0)
          .with(
              b ->
                  b.phase(Phase.RECONCILE)
                      .commitId(COMMIT)
                      .addWorkload(WorkloadTarget.of(SampleApp.DATABASE, "owned by the app"))
                      .addWorkload(WorkloadTarget.of(SampleApp.BACKUP, "mounts the data"))
                      .putOriginalReplica(SampleApp.DATABASE, 1)
                      .putOriginalReplica(SampleApp.BACKUP, 0)
                      .addVersionChange(
                          ValueChange.of(SampleApp.VERSION_PATH, "15.1.0", "15.2.0")));

  private FluxStatus applier(UnaryOperator<FluxStatus> change) {
    return change.apply(
        FluxStatus.builder()
            .ref(app.flux().applier())
            .suspended(false)
            .ready(ConditionStatus.TRUE)
            .appliedRevision("main@sha1:" + COMMIT)
            .build());
  }

  private FluxStatus release(UnaryOperator<FluxStatus> change) {
    return change.apply(
        FluxStatus.builder()
            .ref(app.flux().primary())
            .suspended(false)
            .ready(ConditionStatus.TRUE)
            .handledReconcile("harbormaster-" + COMMIT)
            .build());
  }

  private Observations seen(FluxStatus applier, FluxStatus release, boolean applied) {
    Map<FluxRef, FluxStatus> flux = Map.of(applier.ref(), applier, release.ref(), release);
    return Observations.builder()
        .flux(flux)
        .commitApplied(applied)
        .commitAttempted(applied)
        .build();
  }

  private static FluxStatus suspended(FluxStatus status) {
    return FluxStatus.builder().from(status).suspended(true).build();
  }

  @Test
  void anApplierStillSuspendedIsResumedAndAskedAgainAndARunningOneIsLeftAlone() {
    FluxStatus fleetApplier =
        applier(
            status ->
                FluxStatus.builder()
                    .from(status)
                    .appliedRevision("main@sha1:" + OLDER)
                    .source(
                        SourceRef.of(
                            SourceKind.GIT_REPOSITORY, ObjectRef.of("flux-system", "fleet")))
                    .build());
    FluxStatus held = suspended(release(status -> status));

    Step lost = machine.step(reconciling, seen(suspended(fleetApplier), held, false), T0);
    Step running = machine.step(reconciling, seen(fleetApplier, held, false), T0);

    assertThat(lost.state().phase()).isEqualTo(Phase.RECONCILE);
    assertThat(lost.actions())
        .containsExactly(
            new Action.ResumeFlux(app.flux().applier()),
            new Action.RequestSourceReconcile(
                SourceRef.of(SourceKind.GIT_REPOSITORY, ObjectRef.of("flux-system", "fleet"))),
            new Action.RequestReconcile(app.flux().applier()));
    assertThat(running.state().phase()).isEqualTo(Phase.RECONCILE);
    assertThat(running.actions()).isEmpty();
  }

  @Test
  void aStallASuspendedHelmReleaseKeptFromBeforeIsNoFailureYet() {
    FluxStatus staleStall =
        suspended(
            release(
                status ->
                    FluxStatus.builder()
                        .from(status)
                        .stalled("RetriesExceeded: Failed to upgrade after 1 attempt(s)")
                        .build()));
    Observations attempted =
        Observations.builder()
            .from(seen(applier(status -> status), staleStall, false))
            .commitAttempted(true)
            .build();

    Step step = machine.step(reconciling, attempted, T0);

    assertThat(step.state().phase()).isEqualTo(Phase.RECONCILE);
  }

  @Test
  void aHelmChartThatGaveUpOnTheNewChartVersionFailsReconcileAtOnceNamingIt() {
    String stall =
        "HelmChart shop/shop-postgres is Stalled (InvalidChartReference: invalid chart reference:"
            + " no 'postgres' chart with version matching '15.2.0' found)";
    FluxStatus chartNotReady =
        release(
            status ->
                FluxStatus.builder()
                    .from(status)
                    .ready(ConditionStatus.FALSE)
                    .readyReason("HelmChartNotReady")
                    .chartStalled(stall)
                    .build());

    Step step = machine.step(reconciling, seen(applier(status -> status), chartNotReady, true), T0);

    assertThat(step.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(step.state().message().orElseThrow())
        .isEqualTo(
            "Flux cannot fetch the chart "
                + app.flux().primary()
                + " asks for: "
                + stall
                + "; rolling back");
  }

  @Test
  void aChartStallOfASuspendedHelmReleaseIsNoFailureYet() {
    FluxStatus held =
        suspended(
            release(
                status ->
                    FluxStatus.builder()
                        .from(status)
                        .chartStalled("HelmChart x is Stalled")
                        .build()));

    Step step = machine.step(reconciling, seen(applier(status -> status), held, true), T0);

    assertThat(step.state().phase()).isEqualTo(Phase.RECONCILE);
  }

  @Test
  void onceAppliedAHelmReleaseAlreadyRunningIsNotResumedAgainAndOnlyWorkloadsThatRanStart() {
    Step step =
        machine.step(reconciling, seen(applier(status -> status), release(s -> s), true), T0);

    assertThat(step.state().phase()).isEqualTo(Phase.HEALTH_CHECK);
    assertThat(step.actions())
        .filteredOn(Action::mutates)
        .containsExactly(new Action.Scale(SampleApp.DATABASE, 1));
  }

  @Test
  void aRevisionThatNamesNoCommitIsExplainedWhileTheOperationWaits() {
    SourceRef oci = SourceRef.of(SourceKind.OCI_REPOSITORY, ObjectRef.of("flux-system", "apps"));
    FluxStatus digest =
        applier(
            status ->
                FluxStatus.builder()
                    .from(status)
                    .source(oci)
                    .appliedRevision("latest@sha256:" + "c".repeat(64))
                    .build());
    FluxStatus olderCommit =
        applier(
            status ->
                FluxStatus.builder().from(status).appliedRevision("main@sha1:" + OLDER).build());
    FluxStatus held = suspended(release(status -> status));

    Step unexplained = machine.step(reconciling, seen(digest, held, false), T0);
    Step older = machine.step(reconciling, seen(olderCommit, held, false), T0);

    assertThat(unexplained.state().waitingFor().orElseThrow())
        .contains("from OCIRepository flux-system/apps")
        .contains(
            "that revision names no git commit: publish the artifact with its origin revision");
    assertThat(older.state().waitingFor().orElseThrow())
        .contains("(applied: main@sha1:" + OLDER)
        .doesNotContain("names no git commit");
  }

  @Test
  void aReleaseNotYetReadyOnTheCommitKeepsReconcileWaitingAndSaysWhy() {
    FluxStatus progressing =
        release(
            status ->
                FluxStatus.builder()
                    .from(status)
                    .ready(ConditionStatus.UNKNOWN)
                    .readyReason("Progressing")
                    .build());

    Step step = machine.step(reconciling, seen(applier(s -> s), progressing, true), T0);

    assertThat(step.state().phase()).isEqualTo(Phase.RECONCILE);
    assertThat(step.state().waitingFor())
        .contains("Flux to be Ready: HelmRelease shop/postgres Ready=Unknown (Progressing)");
    assertThat(List.copyOf(step.actions())).noneMatch(Action::mutates);
  }
}
