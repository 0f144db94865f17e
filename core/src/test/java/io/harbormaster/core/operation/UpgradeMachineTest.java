package io.harbormaster.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.automation.ImageAutomationSearch;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.discovery.VolumeTarget;
import io.harbormaster.core.discovery.WorkloadTarget;
import io.harbormaster.core.health.ConditionStatus;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.health.WorkloadStatus;
import io.harbormaster.core.model.AutoUpdate;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SourceKind;
import io.harbormaster.core.model.SourceRef;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.port.GitCommit;
import io.harbormaster.core.port.SnapshotStatus;
import io.harbormaster.core.port.ValueChange;
import io.harbormaster.core.redaction.Redaction;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpgradeMachineTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  private final ManagedApp app = SampleApp.app();
  private final UpgradeRequest request =
      UpgradeRequest.builder()
          .id(ObjectRef.of("shop", "up"))
          .app(app.id())
          .target(TargetVersion.of("15.2.0"))
          .build();
  private final UpgradeMachine machine = new UpgradeMachine(app, request);

  private Map<FluxRef, FluxStatus> flux(boolean suspended) {
    return Map.of(
        app.flux().applier(),
            FluxStatus.builder()
                .ref(app.flux().applier())
                .suspended(suspended)
                .ready(ConditionStatus.TRUE)
                .build(),
        app.flux().primary(),
            FluxStatus.builder()
                .ref(app.flux().primary())
                .suspended(suspended)
                .ready(ConditionStatus.TRUE)
                .build());
  }

  /** What Pending observes: no targets, a preview of {@code from -> to}, Flux suspended or not. */
  private Observations pending(String from, String to, boolean suspended) {
    return Observations.builder()
        .imageAutomations(ImageAutomationSearch.none())
        .targets(AppTargets.builder().build())
        .versionPreview(List.of(ValueChange.of(SampleApp.VERSION_PATH, from, to)))
        .flux(flux(suspended))
        .build();
  }

  private OperationState inPhase(Phase phase, Instant startedAt) {
    return machine
        .start(T0)
        .with(
            b ->
                b.phase(phase)
                    .phaseStartedAt(startedAt)
                    .addWorkload(WorkloadTarget.of(SampleApp.DATABASE, "owned by the app"))
                    .addVolume(VolumeTarget.of(SampleApp.DATA, "RWO"))
                    .putOriginalReplica(SampleApp.DATABASE, 1)
                    .addVersionChange(ValueChange.of(SampleApp.VERSION_PATH, "15.1.0", "15.2.0")));
  }

  private static List<Action> mutating(Step step) {
    return step.actions().stream().filter(Action::mutates).toList();
  }

  @Test
  void pendingRefusesAnAppSomeoneHasSuspended() {
    Observations seen = pending("15.1.0", "15.2.0", true);

    Step step = machine.step(machine.start(T0), seen, T0);

    assertThat(step.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(step.state().finished()).isTrue();
    assertThat(step.state().message().orElseThrow())
        .contains("already suspended")
        .contains("flux resume");
    assertThat(mutating(step)).isEmpty();
  }

  @Test
  void pendingRefusesAHelmReleaseThatWouldRemediateAFailedUpgradeItself() {
    Map<FluxRef, FluxStatus> remediating = new java.util.HashMap<>(flux(false));
    remediating.put(
        app.flux().primary(),
        FluxStatus.builder()
            .from(remediating.get(app.flux().primary()))
            .selfRemediation("spec.upgrade.remediation.retries: 3, strategy rollback")
            .build());
    Observations seen =
        Observations.builder().from(pending("15.1.0", "15.2.0", false)).flux(remediating).build();

    Step refused = machine.step(machine.start(T0), seen, T0);

    assertThat(refused.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(refused.state().failedIn()).contains(Phase.PENDING);
    assertThat(refused.state().message().orElseThrow())
        .startsWith(
            "HelmRelease shop/postgres (spec.upgrade.remediation.retries: 3, strategy rollback) would remediate a failed"
                + " upgrade by itself")
        .contains("set spec.upgrade.remediation.retries to 0 in git");
    assertThat(mutating(refused)).isEmpty();
  }

  @Test
  void pendingRefusesAnAppAppliedFromABucketWhichNamesNoCommitButNotOneFromAnOciRepository() {
    Step fromBucket =
        machine.step(machine.start(T0), pendingFrom(SourceKind.BUCKET, "shop-manifests"), T0);
    Step fromOci =
        machine.step(machine.start(T0), pendingFrom(SourceKind.OCI_REPOSITORY, "shop"), T0);

    assertThat(fromBucket.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(fromBucket.state().failedIn()).contains(Phase.PENDING);
    assertThat(fromBucket.state().settled()).as("nothing was touched").isTrue();
    assertThat(fromBucket.state().message().orElseThrow())
        .startsWith(
            app.flux().applier()
                + " applies from Bucket flux-system/shop-manifests, whose revisions are digests")
        .contains("would wait out Reconcile with the workloads stopped")
        .endsWith("flux push artifact --source --revision");
    assertThat(mutating(fromBucket)).isEmpty();
    assertThat(fromOci.state().phase()).isEqualTo(Phase.SUSPEND);
  }

  private Observations pendingFrom(SourceKind kind, String source) {
    Map<FluxRef, FluxStatus> flux = new java.util.HashMap<>(flux(false));
    flux.put(
        app.flux().applier(),
        FluxStatus.builder()
            .from(flux.get(app.flux().applier()))
            .source(SourceRef.of(kind, ObjectRef.of("flux-system", source)))
            .build());
    return Observations.builder().from(pending("15.1.0", "15.2.0", false)).flux(flux).build();
  }

  @Test
  void pendingRefusesADowngradeUnlessTheRequestAllowsIt() {
    Observations seen = pending("16.1.0", "15.2.0", false);
    UpgradeMachine allowing =
        new UpgradeMachine(
            app, UpgradeRequest.builder().from(request).allowDowngrade(true).build());

    Step refused = machine.step(machine.start(T0), seen, T0);
    Step allowed = allowing.step(allowing.start(T0), seen, T0);

    assertThat(refused.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(refused.state().settled()).isTrue();
    assertThat(refused.state().message().orElseThrow())
        .startsWith("spec.chart.spec.version: 16.1.0 -> 15.2.0 is a downgrade")
        .contains("roll back the upgrade")
        .endsWith("set spec.allowDowngrade: true");
    assertThat(mutating(refused)).isEmpty();
    assertThat(allowed.state().phase()).isEqualTo(Phase.SUSPEND);
  }

  @Test
  void tagsThatAreNotVersionsCannotBeOrderedAndPass() {
    Observations seen = pending("latest", "15.2.0", false);

    assertThat(machine.step(machine.start(T0), seen, T0).state().phase()).isEqualTo(Phase.SUSPEND);
  }

  @Test
  void pendingWithTheTargetAlreadyInGitCompletesWithNothingToDo() {
    Observations seen = pending("15.2.0", "15.2.0", false);

    Step step = machine.step(machine.start(T0), seen, T0);

    assertThat(step.state().phase()).isEqualTo(Phase.COMPLETED);
    assertThat(step.state().message().orElseThrow()).contains("nothing to do");
  }

  @Test
  void suspendRecordsReplicaCountsInAStepThatScalesNothing() {
    OperationState suspending = inPhase(Phase.SUSPEND, T0).with(b -> b.originalReplicas(Map.of()));
    Observations seen =
        Observations.builder()
            .flux(flux(true))
            .putWorkload(SampleApp.DATABASE, WorkloadStatus.of(SampleApp.DATABASE, 3, 3))
            .build();

    Step step = machine.step(suspending, seen, T0.plusSeconds(5));

    assertThat(step.state().phase()).isEqualTo(Phase.SCALE_DOWN);
    assertThat(step.state().originalReplicas()).containsExactly(Map.entry(SampleApp.DATABASE, 3));
    assertThat(mutating(step)).isEmpty();
  }

  @Test
  void eachPhaseTimesOutOnItsOwnClockAndSaysWhatItWaitedFor() {
    OperationState scaling = inPhase(Phase.SCALE_DOWN, T0.plus(Duration.ofMinutes(29)));
    Observations stuck =
        Observations.builder()
            .flux(flux(true))
            .putWorkload(SampleApp.DATABASE, WorkloadStatus.of(SampleApp.DATABASE, 0, 0))
            .addPodsMounting(ObjectRef.of("shop", "postgres-0"))
            .build();

    Step justBefore =
        machine.step(
            scaling,
            stuck,
            T0.plus(Duration.ofMinutes(29)).plus(Duration.ofMinutes(5)).minusSeconds(1));
    Step atDeadline =
        machine.step(scaling, stuck, T0.plus(Duration.ofMinutes(29)).plus(Duration.ofMinutes(5)));

    assertThat(justBefore.state().phase()).isEqualTo(Phase.SCALE_DOWN);
    assertThat(atDeadline.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(atDeadline.state().message().orElseThrow())
        .contains("phase ScaleDown timed out after 5m")
        .contains("pods still mounting the volumes: [shop/postgres-0]");
    assertThat(atDeadline.state().settled()).as("cleanup still to do").isFalse();
  }

  @Test
  void aTimeoutSaysWhatItWaitedForAndTheErrorThatKeptItWaiting() {
    OperationState scaling = inPhase(Phase.SCALE_DOWN, T0);
    Observations stuck =
        Observations.builder()
            .flux(flux(true))
            .putWorkload(SampleApp.DATABASE, WorkloadStatus.of(SampleApp.DATABASE, 0, 0))
            .addPodsMounting(ObjectRef.of("shop", "postgres-0"))
            .build();

    Step failedOnce = machine.observationFailed(scaling, "pods is forbidden", T0.plusSeconds(30));
    Step atDeadline = machine.step(failedOnce.state(), stuck, T0.plus(Duration.ofMinutes(5)));

    assertThat(atDeadline.state().message().orElseThrow())
        .startsWith("phase ScaleDown timed out after 5m waiting for ")
        .contains("pods still mounting the volumes: [shop/postgres-0]")
        .endsWith("; the last error was: pods is forbidden");
  }

  @Test
  void aSnapshotErrorIsReportedOnceAndWaitedOutUntilNoProgressTimesOut() {
    OperationState snapshotting = inPhase(Phase.SNAPSHOT, T0);
    ObjectRef name = SnapshotNames.of(snapshotting.id(), SampleApp.DATA);
    Observations failing =
        Observations.builder()
            .flux(flux(true))
            .putSnapshot(name, SnapshotStatus.failing("quota exceeded"))
            .build();

    Step first = machine.step(snapshotting, failing, T0.plusSeconds(10));
    Step second = machine.step(first.state(), failing, T0.plusSeconds(20));
    Step late = machine.step(second.state(), failing, T0.plus(Duration.ofMinutes(30)));

    assertThat(first.actions())
        .anyMatch(
            action ->
                action instanceof Action.RecordEvent event
                    && event.reason().equals("SnapshotError"));
    assertThat(second.actions())
        .noneMatch(
            action ->
                action instanceof Action.RecordEvent event
                    && event.reason().equals("SnapshotError"));
    assertThat(second.state().phase()).isEqualTo(Phase.SNAPSHOT);
    assertThat(late.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(late.state().message().orElseThrow())
        .contains("Snapshot timed out after 30m without progress")
        .contains("quota exceeded");
  }

  @Test
  void aSnapshotErrorQuotingACredentialIsReportedOnceThoughItsStatusKeepsItRedacted() {
    OperationState snapshotting = inPhase(Phase.SNAPSHOT, T0);
    ObjectRef name = SnapshotNames.of(snapshotting.id(), SampleApp.DATA);
    Observations failing =
        Observations.builder()
            .flux(flux(true))
            .putSnapshot(
                name,
                SnapshotStatus.failing(
                    "backend https://bot:ghp_inTheError@storage.example refused"))
            .build();

    Step first = machine.step(snapshotting, failing, T0.plusSeconds(10));
    // What the next step reads back: the status holds only redacted text.
    OperationState readBack =
        first.state().with(b -> b.lastWarning(first.state().lastWarning().map(Redaction::redact)));
    Step second = machine.step(readBack, failing, T0.plusSeconds(20));

    assertThat(first.actions())
        .anySatisfy(
            action ->
                assertThat(action)
                    .isInstanceOfSatisfying(
                        Action.RecordEvent.class,
                        event ->
                            assertThat(event.message())
                                .contains("backend https://***@storage.example refused")));
    assertThat(second.actions())
        .noneMatch(
            action ->
                action instanceof Action.RecordEvent event
                    && event.reason().equals("SnapshotError"));
  }

  @Test
  void progressOnVolumesRestartsTheirClock() {
    ObjectRef wal = ObjectRef.of("shop", "wal-0");
    OperationState snapshotting =
        inPhase(Phase.SNAPSHOT, T0).with(b -> b.addVolume(VolumeTarget.of(wal, "RWO")));
    ObjectRef data = SnapshotNames.of(snapshotting.id(), SampleApp.DATA);
    ObjectRef walSnapshot = SnapshotNames.of(snapshotting.id(), wal);
    Observations oneReady =
        Observations.builder()
            .flux(flux(true))
            .putSnapshot(data, SnapshotStatus.ready())
            .putSnapshot(walSnapshot, SnapshotStatus.pending())
            .build();

    Step progressed = machine.step(snapshotting, oneReady, T0.plus(Duration.ofMinutes(25)));
    Step later = machine.step(progressed.state(), oneReady, T0.plus(Duration.ofMinutes(54)));

    assertThat(progressed.state().progressAt()).contains(T0.plus(Duration.ofMinutes(25)));
    assertThat(later.state().phase()).isEqualTo(Phase.SNAPSHOT);
    assertThat(machine.deadline(later.state())).contains(T0.plus(Duration.ofMinutes(55)));
  }

  @Test
  void aFailureAfterTheCommitHandsToARollbackWithoutTouchingFluxOrWorkloads() {
    OperationState checking = inPhase(Phase.HEALTH_CHECK, T0).with(b -> b.commitId(COMMIT));
    Observations unhealthy =
        Observations.builder()
            .flux(flux(false))
            .putWorkload(SampleApp.DATABASE, WorkloadStatus.of(SampleApp.DATABASE, 1, 0))
            .build();

    Step failed = machine.step(checking, unhealthy, T0.plus(Duration.ofMinutes(5)));
    Step settled =
        machine.step(failed.state(), Observations.none(), T0.plus(Duration.ofMinutes(5)));

    assertThat(failed.state().rollbackRequested()).isTrue();
    assertThat(failed.state().message().orElseThrow())
        .contains("StatefulSet shop/postgres has 0/1 replicas ready")
        .contains("rolling back");
    assertThat(settled.actions()).containsExactly(new Action.StartRollback(checking.id()));
    assertThat(settled.state().finished()).isTrue();
  }

  @Test
  void aReconcileFluxHadStartedBeforeTheSuspendEndsBeforeAnythingStops() {
    OperationState suspending = inPhase(Phase.SUSPEND, T0);
    Map<FluxRef, FluxStatus> midUpgrade =
        Map.of(
            app.flux().applier(),
                FluxStatus.builder().ref(app.flux().applier()).suspended(true).build(),
            app.flux().primary(),
                FluxStatus.builder()
                    .ref(app.flux().primary())
                    .suspended(true)
                    .reconciling("Progressing: Running 'upgrade' action with timeout of 5m0s")
                    .build());
    Observations workloads =
        Observations.builder()
            .putWorkload(SampleApp.DATABASE, WorkloadStatus.of(SampleApp.DATABASE, 3, 3))
            .build();

    Step waiting =
        machine.step(
            suspending,
            Observations.builder().from(workloads).flux(midUpgrade).build(),
            T0.plusSeconds(1));
    Step done =
        machine.step(
            waiting.state(),
            Observations.builder().from(workloads).flux(flux(true)).build(),
            T0.plusSeconds(20));

    assertThat(waiting.state().phase()).isEqualTo(Phase.SUSPEND);
    assertThat(waiting.state().waitingFor().orElseThrow())
        .isEqualTo(
            "Flux to finish the reconcile it had started before the suspend: HelmRelease shop/postgres"
                + " (Progressing: Running 'upgrade' action with timeout of 5m0s)");
    assertThat(mutating(waiting)).isEmpty();
    assertThat(done.state().phase()).isEqualTo(Phase.SCALE_DOWN);
  }

  @Test
  void theCommitAsksTheKustomizationsSourceToFetchFirstThenTheKustomization() {
    SourceRef fleet = SourceRef.of(SourceKind.GIT_REPOSITORY, ObjectRef.of("flux-system", "fleet"));
    Map<FluxRef, FluxStatus> withSource =
        Map.of(
            app.flux().applier(),
                FluxStatus.builder()
                    .ref(app.flux().applier())
                    .suspended(true)
                    .source(fleet)
                    .build(),
            app.flux().primary(),
                FluxStatus.builder().ref(app.flux().primary()).suspended(true).build());
    Observations pushed =
        Observations.builder()
            .flux(withSource)
            .commit(GitCommit.builder().id(COMMIT).build())
            .build();

    Step committed = machine.step(inPhase(Phase.GIT_COMMIT, T0), pushed, T0.plusSeconds(1));

    assertThat(committed.state().phase()).isEqualTo(Phase.RECONCILE);
    assertThat(mutating(committed))
        .containsSubsequence(
            new Action.ResumeFlux(app.flux().applier()),
            new Action.RequestSourceReconcile(fleet),
            new Action.RequestReconcile(app.flux().applier()));
    Step waiting =
        machine.step(
            committed.state(),
            Observations.builder().flux(withSource).commitApplied(false).build(),
            T0.plusSeconds(2));
    assertThat(waiting.state().waitingFor().orElseThrow())
        .contains("to apply commit 0123456789ab from GitRepository flux-system/fleet");
  }

  @Test
  void aCommitThatReachedGitDespiteAFailedPhaseIsRolledBackNotLeftForFluxToApply() {
    OperationState committing = inPhase(Phase.GIT_COMMIT, T0);
    Step failed = machine.fail(committing, "push answer lost", T0.plusSeconds(30));
    Observations commitExists =
        Observations.builder()
            .flux(flux(true))
            .putWorkload(SampleApp.DATABASE, WorkloadStatus.of(SampleApp.DATABASE, 0, 0))
            .commit(GitCommit.builder().id(COMMIT).build())
            .build();

    assertThat(machine.needs(failed.state())).contains(Needs.COMMIT);
    Step settled = machine.step(failed.state(), commitExists, T0.plusSeconds(31));

    assertThat(settled.state().commitId()).contains(COMMIT);
    assertThat(settled.state().rollbackRequested()).isTrue();
    assertThat(settled.actions()).containsExactly(new Action.StartRollback(committing.id()));
  }

  @Test
  void cleanupAfterAFailureBeforeTheCommitResumesFluxAndRestartsWorkloads() {
    OperationState snapshotting = inPhase(Phase.SNAPSHOT, T0);
    Step failed = machine.fail(snapshotting, "snapshot class missing", T0.plusSeconds(30));
    Observations stopped =
        Observations.builder()
            .flux(flux(true))
            .putWorkload(SampleApp.DATABASE, WorkloadStatus.of(SampleApp.DATABASE, 0, 0))
            .build();

    Step cleanup = machine.step(failed.state(), stopped, T0.plusSeconds(31));

    assertThat(mutating(cleanup))
        .containsExactly(
            new Action.ResumeFlux(app.flux().primary()),
            new Action.ResumeFlux(app.flux().applier()),
            new Action.Scale(SampleApp.DATABASE, 1));
    assertThat(cleanup.state().settled()).isFalse();
  }

  @Test
  void autoUpdatePicksTheNewestVersionThePolicyAllows() {
    ManagedApp minor = ManagedApp.builder().from(app).autoUpdate(AutoUpdate.MINOR).build();
    UpgradeMachine auto =
        new UpgradeMachine(
            minor, UpgradeRequest.builder().id(ObjectRef.of("shop", "auto")).app(app.id()).build());
    Observations versions =
        Observations.builder()
            .currentVersion("15.1.0")
            .addAvailableVersions("15.1.3", "15.4.0", "16.0.0", "15.5.0-rc.1")
            .build();

    Step step = auto.step(auto.start(T0), versions, T0);

    assertThat(step.state().phase()).isEqualTo(Phase.PENDING);
    assertThat(step.state().target()).contains(TargetVersion.of("15.4.0"));
    assertThat(auto.needs(step.state())).contains(Needs.VERSION_PREVIEW);
  }

  @Test
  void anUpgradeWithoutTargetOnAnAppWithoutAutoUpdateFailsNamingTheField() {
    UpgradeMachine none =
        new UpgradeMachine(
            app, UpgradeRequest.builder().id(ObjectRef.of("shop", "auto")).app(app.id()).build());

    Step step =
        none.step(none.start(T0), Observations.builder().currentVersion("15.1.0").build(), T0);

    assertThat(step.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(step.state().message().orElseThrow()).contains("spec.target").contains("autoUpdate");
  }

  @Test
  void anOciSourceIsAskedToFetchAgainUntilItsArtifactCarriesTheCommit() {
    SourceRef oci = SourceRef.of(SourceKind.OCI_REPOSITORY, ObjectRef.of("flux-system", "shop"));
    SourceRef git = SourceRef.of(SourceKind.GIT_REPOSITORY, ObjectRef.of("flux-system", "fleet"));
    OperationState reconciling = inPhase(Phase.RECONCILE, T0).with(b -> b.commitId(COMMIT));

    Step fromOci = machine.step(reconciling, appliedElsewhere(oci), T0.plus(Duration.ofMinutes(1)));
    Step fromGit = machine.step(reconciling, appliedElsewhere(git), T0.plus(Duration.ofMinutes(1)));

    assertThat(fromOci.state().phase()).isEqualTo(Phase.RECONCILE);
    assertThat(mutating(fromOci)).containsExactly(new Action.RequestSourceReconcile(oci));
    assertThat(fromOci.deadline())
        .as("looked at again soon, long before the phase's deadline")
        .contains(T0.plus(Duration.ofMinutes(1)).plus(PhaseMachine.ARTIFACT_RECHECK));
    assertThat(mutating(fromGit)).as("the commit was in git before it was asked for").isEmpty();
    assertThat(fromGit.deadline()).isEqualTo(machine.deadline(reconciling));
  }

  @Test
  void theArtifactIsAskedForSoonAfterTheCommitAndLessOftenTheLongerItTakes() {
    SourceRef oci = SourceRef.of(SourceKind.OCI_REPOSITORY, ObjectRef.of("flux-system", "shop"));
    OperationState reconciling = inPhase(Phase.RECONCILE, T0).with(b -> b.commitId(COMMIT));

    assertThat(recheckAfter(reconciling, oci, Duration.ofSeconds(1)))
        .as("right after the push")
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(recheckAfter(reconciling, oci, Duration.ofSeconds(10)))
        .as("half the time waited")
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(recheckAfter(reconciling, oci, Duration.ofMinutes(2)))
        .as("never less often than every 15 s")
        .isEqualTo(Duration.ofSeconds(15));
  }

  private Duration recheckAfter(OperationState reconciling, SourceRef source, Duration waited) {
    Instant now = T0.plus(waited);
    return Duration.between(
        now, machine.step(reconciling, appliedElsewhere(source), now).deadline().orElseThrow());
  }

  /** The applier, reading {@code source}, has applied a commit older than the operation's. */
  private Observations appliedElsewhere(SourceRef source) {
    return Observations.builder()
        .flux(
            Map.of(
                app.flux().applier(),
                FluxStatus.builder()
                    .ref(app.flux().applier())
                    .suspended(false)
                    .ready(ConditionStatus.TRUE)
                    .source(source)
                    .appliedRevision("latest@sha256:" + "e".repeat(64))
                    .appliedOriginRevision("main@sha1:" + "f".repeat(40))
                    .build(),
                app.flux().primary(),
                FluxStatus.builder().ref(app.flux().primary()).suspended(true).build()))
        .commitApplied(false)
        .build();
  }

  @Test
  void reconcileWaitsForTheApplierToReportTheCommit() {
    OperationState reconciling = inPhase(Phase.RECONCILE, T0).with(b -> b.commitId(COMMIT));
    Map<FluxRef, FluxStatus> oldRevision =
        Map.of(
            app.flux().applier(),
            FluxStatus.builder()
                .ref(app.flux().applier())
                .suspended(false)
                .ready(ConditionStatus.TRUE)
                .appliedRevision("main@sha1:" + "f".repeat(40))
                .build(),
            app.flux().primary(),
            FluxStatus.builder()
                .ref(app.flux().primary())
                .suspended(false)
                .ready(ConditionStatus.TRUE)
                .build());
    Map<FluxRef, FluxStatus> applied =
        Map.of(
            app.flux().applier(),
            FluxStatus.builder()
                .ref(app.flux().applier())
                .suspended(false)
                .ready(ConditionStatus.TRUE)
                .appliedRevision("main@sha1:" + COMMIT)
                .build(),
            app.flux().primary(),
            FluxStatus.builder()
                .ref(app.flux().primary())
                .suspended(false)
                .ready(ConditionStatus.TRUE)
                .handledReconcile(PhaseMachine.reconcileToken(COMMIT))
                .build());

    Step waiting =
        machine.step(
            reconciling,
            Observations.builder().flux(oldRevision).commitApplied(false).build(),
            T0.plusSeconds(5));
    Step done =
        machine.step(
            reconciling,
            Observations.builder().flux(applied).commitApplied(true).build(),
            T0.plusSeconds(6));

    assertThat(waiting.state().phase()).isEqualTo(Phase.RECONCILE);
    assertThat(done.state().phase()).isEqualTo(Phase.HEALTH_CHECK);
    assertThat(mutating(done)).containsExactly(new Action.Scale(SampleApp.DATABASE, 1));
  }

  @Test
  void theHelmReleaseStaysSuspendedUntilItsKustomizationAppliedTheCommitToIt() {
    OperationState reconciling = inPhase(Phase.RECONCILE, T0).with(b -> b.commitId(COMMIT));
    FluxStatus applying =
        FluxStatus.builder()
            .ref(app.flux().applier())
            .suspended(false)
            .ready(ConditionStatus.UNKNOWN)
            .build();
    FluxStatus healthChecking =
        FluxStatus.builder().from(applying).healthCheckingRevision("main@sha1:" + COMMIT).build();
    FluxStatus applied =
        FluxStatus.builder()
            .from(applying)
            .ready(ConditionStatus.TRUE)
            .appliedRevision("main@sha1:" + COMMIT)
            .build();
    SourceRef charts = SourceRef.of(SourceKind.HELM_REPOSITORY, ObjectRef.of("shop", "charts"));
    SourceRef chart = SourceRef.of(SourceKind.HELM_CHART, ObjectRef.of("shop", "shop-postgres"));
    // Suspended, it kept the Stalled of a failed upgrade before this operation and observed its
    // generation.
    FluxStatus suspendedStalled =
        FluxStatus.builder()
            .ref(app.flux().primary())
            .suspended(true)
            .ready(ConditionStatus.FALSE)
            .stalled("RetriesExceeded: Failed to upgrade after 1 attempt(s)")
            .generation(4)
            .observedGeneration(4)
            .addChartSources(charts, chart)
            .build();

    Step entered =
        machine.step(
            inPhase(Phase.GIT_COMMIT, T0),
            Observations.builder()
                .flux(flux(true))
                .commit(GitCommit.builder().id(COMMIT).build())
                .build(),
            T0);
    Step applying1 =
        machine.step(
            reconciling,
            Observations.builder()
                .flux(
                    Map.of(app.flux().applier(), applying, app.flux().primary(), suspendedStalled))
                .commitApplied(false)
                .build(),
            T0);
    Step checking =
        machine.step(
            reconciling,
            Observations.builder()
                .flux(
                    Map.of(
                        app.flux().applier(),
                        healthChecking,
                        app.flux().primary(),
                        suspendedStalled))
                .commitApplied(false)
                .build(),
            T0);
    Step done =
        machine.step(
            reconciling,
            Observations.builder()
                .flux(Map.of(app.flux().applier(), applied, app.flux().primary(), suspendedStalled))
                .commitApplied(true)
                .build(),
            T0);

    assertThat(mutating(entered))
        .contains(new Action.ResumeFlux(app.flux().applier()))
        .doesNotContain(new Action.ResumeFlux(app.flux().primary()));
    assertThat(mutating(applying1)).isEmpty();
    List<Action> resumeWithSources =
        List.of(
            new Action.RequestSourceReconcile(charts),
            new Action.RequestSourceReconcile(chart),
            new Action.ResumeFlux(app.flux().primary()));
    assertThat(mutating(checking))
        .as("applied, held by health checks that wait on it")
        .containsExactlyElementsOf(resumeWithSources);
    assertThat(done.state().phase())
        .as("a stall seen while suspended is from before")
        .isEqualTo(Phase.RECONCILE);
    assertThat(mutating(done))
        .as("its chart's sources fetch first, as flux reconcile hr --with-source does")
        .containsExactlyElementsOf(resumeWithSources);
  }

  /**
   * A Reconcile step once the Kustomization reports the commit applied, the HelmRelease as given.
   */
  private Step afterTheApply(OperationState reconciling, FluxStatus helmRelease) {
    FluxStatus applier =
        FluxStatus.builder()
            .ref(app.flux().applier())
            .suspended(false)
            .ready(ConditionStatus.TRUE)
            .appliedRevision("main@sha1:" + COMMIT)
            .build();
    return machine.step(
        reconciling,
        Observations.builder()
            .flux(Map.of(app.flux().applier(), applier, app.flux().primary(), helmRelease))
            .commitApplied(true)
            .build(),
        T0.plusSeconds(5));
  }

  @Test
  void aHelmReleaseIsAskedToActOnTheAppliedCommitAndWaitedOnUntilItHandledThatRequest() {
    OperationState reconciling = inPhase(Phase.RECONCILE, T0).with(b -> b.commitId(COMMIT));
    // Ready and up to date, from a reconcile that began before the commit was applied.
    FluxStatus readyBeforeTheApply =
        FluxStatus.builder()
            .ref(app.flux().primary())
            .suspended(false)
            .ready(ConditionStatus.TRUE)
            .handledReconcile("2026-11-27T10:00:00.000000000Z")
            .build();
    FluxStatus handled =
        FluxStatus.builder()
            .from(readyBeforeTheApply)
            .handledReconcile(PhaseMachine.reconcileToken(COMMIT))
            .build();

    Step asked = afterTheApply(reconciling, readyBeforeTheApply);
    Step done = afterTheApply(reconciling, handled);

    assertThat(asked.state().phase()).isEqualTo(Phase.RECONCILE);
    assertThat(asked.state().waitingFor().orElseThrow())
        .contains("has not yet handled reconcile request harbormaster-" + COMMIT);
    assertThat(mutating(asked))
        .containsExactly(
            new Action.RequestTrackedReconcile(app.flux().primary(), "harbormaster-" + COMMIT));
    assertThat(done.state().phase()).isEqualTo(Phase.HEALTH_CHECK);
  }

  @Test
  void aHelmReleaseFluxGaveUpOnFailsReconcileAtOnceAndHandsOverToTheRollback() {
    OperationState reconciling = inPhase(Phase.RECONCILE, T0).with(b -> b.commitId(COMMIT));
    FluxStatus stalled =
        FluxStatus.builder()
            .ref(app.flux().primary())
            .suspended(false)
            .ready(ConditionStatus.FALSE)
            .readyReason("UpgradeFailed")
            .stalled("RetriesExceeded: Failed to upgrade after 1 attempt(s)")
            .generation(3)
            .observedGeneration(3)
            .build();
    FluxStatus stalledOnTheOldSpec =
        FluxStatus.builder().from(stalled).observedGeneration(2).build();

    Step gaveUp = afterTheApply(reconciling, stalled);
    Step notYet = afterTheApply(reconciling, stalledOnTheOldSpec);

    assertThat(gaveUp.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(gaveUp.state().failedIn()).contains(Phase.RECONCILE);
    assertThat(gaveUp.state().rollbackRequested()).isTrue();
    assertThat(gaveUp.state().message().orElseThrow())
        .isEqualTo(
            "Flux gave up: HelmRelease shop/postgres is Stalled (RetriesExceeded: Failed to upgrade after 1 attempt(s)); rolling back");
    assertThat(notYet.state().phase())
        .as("a Stalled condition of the previous spec is old news")
        .isEqualTo(Phase.RECONCILE);
  }

  @Test
  void aHelmReleaseStalledUnderAKustomizationStillWaitingOnItsHealthChecksFailsReconcileAtOnce() {
    OperationState reconciling = inPhase(Phase.RECONCILE, T0).with(b -> b.commitId(COMMIT));
    // kustomize-controller applied the commit (lastAttemptedRevision) and waits on the
    // HelmRelease's health.
    FluxStatus waitingOnHealth =
        FluxStatus.builder()
            .ref(app.flux().applier())
            .suspended(false)
            .ready(ConditionStatus.UNKNOWN)
            .attemptedRevision("main@sha1:" + COMMIT)
            .appliedRevision("main@sha1:" + "f".repeat(40))
            .build();
    FluxStatus stalled =
        FluxStatus.builder()
            .ref(app.flux().primary())
            .suspended(false)
            .ready(ConditionStatus.FALSE)
            .readyReason("UpgradeFailed")
            .stalled("RetriesExceeded: Failed to upgrade after 1 attempt(s)")
            .generation(3)
            .observedGeneration(3)
            .build();
    Map<FluxRef, FluxStatus> flux =
        Map.of(app.flux().applier(), waitingOnHealth, app.flux().primary(), stalled);

    Step attempted =
        machine.step(
            reconciling,
            Observations.builder().flux(flux).commitApplied(false).commitAttempted(true).build(),
            T0.plusSeconds(5));
    Step notYetApplied =
        machine.step(
            reconciling,
            Observations.builder().flux(flux).commitApplied(false).commitAttempted(false).build(),
            T0.plusSeconds(5));

    assertThat(attempted.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(attempted.state().message().orElseThrow())
        .startsWith("Flux gave up: HelmRelease shop/postgres is Stalled");
    assertThat(notYetApplied.state().phase())
        .as("a Stalled condition before our commit was applied is not ours")
        .isEqualTo(Phase.RECONCILE);
  }

  @Test
  void aHelmReleaseHelmControllerRolledBackItselfFailsReconcileAtOnceAndHandsOverToTheRollback() {
    OperationState reconciling = inPhase(Phase.RECONCILE, T0).with(b -> b.commitId(COMMIT));
    FluxStatus applier =
        FluxStatus.builder()
            .ref(app.flux().applier())
            .suspended(false)
            .ready(ConditionStatus.TRUE)
            .appliedRevision("main@sha1:" + COMMIT)
            .build();
    FluxStatus remediated =
        FluxStatus.builder()
            .ref(app.flux().primary())
            .suspended(false)
            .ready(ConditionStatus.FALSE)
            .readyReason("RollbackSucceeded")
            .remediated(
                "RollbackSucceeded: Helm rollback to previous release db/postgres.v1 succeeded")
            .generation(3)
            .observedGeneration(3)
            .build();

    Step undone =
        machine.step(
            reconciling,
            Observations.builder()
                .flux(Map.of(app.flux().applier(), applier, app.flux().primary(), remediated))
                .commitApplied(true)
                .build(),
            T0.plusSeconds(5));

    assertThat(undone.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(undone.state().rollbackRequested()).isTrue();
    assertThat(undone.state().message().orElseThrow())
        .startsWith(
            "helm-controller undid the upgrade itself: HelmRelease shop/postgres"
                + " is Remediated (RollbackSucceeded: Helm rollback to previous release db/postgres.v1 succeeded)");
  }

  @Test
  void anObservationFailurePastTheDeadlineFailsWithTheError() {
    OperationState suspending = inPhase(Phase.SUSPEND, T0);

    Step early = machine.observationFailed(suspending, "connection refused", T0.plusSeconds(10));
    Step late =
        machine.observationFailed(
            early.state(), "connection refused", T0.plus(Duration.ofMinutes(2)));

    assertThat(early.state().attempts()).isEqualTo(1);
    assertThat(early.state().lastError()).contains("connection refused");
    assertThat(late.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(late.state().message()).map(Optional::of).isNotEmpty();
    assertThat(late.state().message().orElseThrow())
        .isEqualTo("phase Suspend timed out after 2m; the last attempt failed: connection refused");
  }
}
