package io.harbormaster.core.operation;

import io.harbormaster.core.automation.ImageAutomation;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.discovery.VolumeTarget;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.OperationKind;
import io.harbormaster.core.model.RollbackRequest;
import io.harbormaster.core.operation.PhaseRow.FluxHold;
import io.harbormaster.core.operation.PhaseRow.NeedsRule;
import io.harbormaster.core.port.GitCommit;
import io.harbormaster.core.port.RestoreRequest;
import io.harbormaster.core.port.RestoreStatus;
import io.harbormaster.core.port.RevertRequest;
import io.harbormaster.core.port.ValueChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Rollback of one upgrade: Pending, then DryRun or Suspend, ScaleDown, VolumeRestore, GitRevert,
 * Reconcile, HealthCheck; Completed, or Failed (Flux resumed, workloads restarted, no second
 * rollback).
 */
public final class RollbackMachine extends PhaseMachine {
  private final RollbackRequest request;
  private final PhaseTable phases;

  public RollbackMachine(ManagedApp app, RollbackRequest request) {
    super(app);
    this.request = request;
    this.phases =
        PhaseTable.of(
            "a rollback",
            PhaseRow.of(
                Phase.PENDING,
                NeedsRule.always(
                    Needs.TARGETS,
                    Needs.VERSION_PREVIEW,
                    Needs.IMAGE_AUTOMATIONS,
                    Needs.FLUX,
                    Needs.FLUX_PARENTS),
                PLANNING,
                FluxHold.RUNNING,
                (state, seen, now) -> plan(state, seen)),
            dryRunRow(),
            suspendRow(),
            scaleDownRow(),
            new PhaseRow(
                Phase.VOLUME_RESTORE,
                NeedsRule.always(Needs.FLUX, Needs.RESTORES),
                VOLUME_PROGRESS,
                PhaseRow.Clock.LAST_PROGRESS,
                FluxHold.SUSPENDED,
                this::restore),
            PhaseRow.of(
                Phase.GIT_REVERT,
                NeedsRule.always(Needs.FLUX, Needs.COMMIT),
                GIT_PUSH,
                FluxHold.SUSPENDED,
                (state, seen, now) -> gitRevert(state, seen)),
            reconcileRow(),
            healthCheckRow());
  }

  @Override
  PhaseTable phases() {
    return phases;
  }

  /**
   * The rollback's first state, built from the upgrade it undoes. A rollback that took over from a
   * failed upgrade inherits its replica counts (the workloads may still be at 0); one asked for
   * later records the counts it finds.
   *
   * @param otherRollbacks the other rollbacks of the same upgrade, in any state: one that already
   *     undid it means this one must not, for restoring its snapshots again would throw away every
   *     write since
   */
  public OperationState start(
      OperationState upgrade, List<OperationState> otherRollbacks, Instant now) {
    OperationId id = OperationId.rollback(request.id());
    ImmutableOperationState.Builder state =
        OperationState.builder()
            .id(id)
            .app(app.id())
            .phase(Phase.PENDING)
            .phaseStartedAt(now)
            .upgrade(upgrade.id().request());
    Optional<String> refusal = refusal(upgrade).or(() -> alreadyUndone(upgrade, otherRollbacks));
    if (refusal.isPresent()) {
      return state
          .phase(Phase.FAILED)
          .failedIn(Phase.PENDING)
          .settled(true)
          .message(refusal.get())
          .build();
    }
    return state
        .revertOf(upgrade.commitId())
        .snapshots(request.skipSnapshot() ? Map.of() : upgrade.snapshots())
        .imageAutomations(upgrade.imageAutomations())
        .originalReplicas(upgrade.rollbackRequested() ? upgrade.originalReplicas() : Map.of())
        .build();
  }

  private Optional<String> refusal(OperationState upgrade) {
    if (upgrade.id().kind() != OperationKind.UPGRADE) {
      return Optional.of(
          "spec.upgrade names " + upgrade.id() + ": a rollback undoes an upgrade, not a rollback");
    }
    if (!upgrade.app().equals(app.id())) {
      return Optional.of(
          "upgrade "
              + upgrade.id().request()
              + " belongs to app "
              + upgrade.app()
              + ", not "
              + app.id());
    }
    if (!upgrade.finished()) {
      return Optional.of(
          "upgrade "
              + upgrade.id().request()
              + " is still running (phase "
              + upgrade.phase()
              + "): wait for it to end");
    }
    if (upgrade.history().stream().anyMatch(record -> record.phase() == Phase.DRY_RUN)) {
      return Optional.of(
          "upgrade "
              + upgrade.id().request()
              + " was a dry run: it changed nothing, so there is nothing to roll back");
    }
    if (upgrade.commitId().isEmpty()) {
      return Optional.of(
          "upgrade "
              + upgrade.id().request()
              + " made no commit (it ended in "
              + upgrade.failedIn().orElse(upgrade.phase())
              + "), so there is nothing to roll back");
    }
    return Optional.empty();
  }

  private Optional<String> alreadyUndone(
      OperationState upgrade, List<OperationState> otherRollbacks) {
    return undoneBy(
            otherRollbacks.stream()
                .filter(other -> !other.id().equals(OperationId.rollback(request.id())))
                .toList())
        .map(
            done ->
                "upgrade "
                    + upgrade.id().request()
                    + " was already rolled back by "
                    + done.id().request()
                    + " (revert "
                    + shortId(done.commitId().get())
                    + "); rolling back again would restore its snapshots over"
                    + " everything written since: to change the version now, create an UpgradeRequest");
  }

  /**
   * Which of an upgrade's rollbacks has undone it, if any: one that completed with its revert
   * commit (a dry run makes none).
   */
  public static Optional<OperationState> undoneBy(List<OperationState> rollbacksOfTheUpgrade) {
    return rollbacksOfTheUpgrade.stream()
        .filter(other -> other.phase() == Phase.COMPLETED && other.commitId().isPresent())
        .findFirst();
  }

  @Override
  public Optional<RevertRequest> plannedRevert(OperationState state) {
    return state.revertOf().map(commit -> revertRequest(state, commit));
  }

  private RevertRequest revertRequest(OperationState state, String upgradeCommit) {
    return RevertRequest.builder()
        .location(app.git())
        .app(app.id().name())
        .operation(state.id())
        .commitId(upgradeCommit)
        .build();
  }

  @Override
  protected boolean resumesImageAutomations() {
    return false;
  }

  @Override
  protected Phase afterScaleDown(OperationState state) {
    return state.snapshots().isEmpty() ? Phase.GIT_REVERT : Phase.VOLUME_RESTORE;
  }

  @Override
  protected String completionSummary(OperationState state) {
    return "rolled back upgrade "
        + state.upgrade().map(ObjectRef::toString).orElse("?")
        + ": restored "
        + Texts.count(state.snapshots().size(), "volume")
        + ", reverted "
        + shortId(state.revertOf().orElse("?"));
  }

  /**
   * Git has agreed to the revert (its preview did not refuse) before anything is stopped or
   * restored.
   */
  private Transition plan(OperationState state, Observations seen) {
    Optional<Transition> untellable = untellableSource(seen);
    if (untellable.isPresent()) {
      return untellable.get();
    }
    AppTargets targets =
        seen.targets().orElseThrow(() -> new IllegalStateException("targets not observed"));
    List<ValueChange> revert =
        seen.versionPreview()
            .orElseThrow(() -> new IllegalStateException("revert preview not observed"));
    // The volumes are the ones the upgrade snapshotted; the workloads are whoever mounts them now.
    List<VolumeTarget> volumes =
        state.snapshots().entrySet().stream()
            .map(
                entry ->
                    VolumeTarget.of(
                        entry.getKey(), "restored from VolumeSnapshot " + entry.getValue().name()))
            .collect(Collectors.toList());
    // Those its upgrade held, and those running now; one someone paused stays theirs.
    List<ObjectRef> automations = new ArrayList<>(state.imageAutomations());
    imageAutomations(seen).writers().stream()
        .filter(automation -> !automation.suspended())
        .map(ImageAutomation::ref)
        .filter(ref -> !automations.contains(ref))
        .forEach(automations::add);
    return Transition.advance(
            request.dryRun() ? Phase.DRY_RUN : Phase.SUSPEND,
            "found "
                + Texts.count(targets.workloads().size(), "workload")
                + " and "
                + Texts.count(volumes.size(), "volume")
                + " to restore"
                + heldWhileItWorks(automations))
        .update(
            s ->
                s.workloads(targets.workloads())
                    .volumes(volumes)
                    .versionChanges(revert)
                    .imageAutomations(automations));
  }

  @Override
  protected String describePlan(OperationState state) {
    String restore =
        state.snapshots().isEmpty()
            ? "restore no volume"
            : "restore " + state.pvcs() + " from snapshots";
    return heldImageAutomations(state)
        + "stop "
        + state.workloadRefs()
        + ", "
        + restore
        + ", revert "
        + shortId(state.revertOf().orElseThrow())
        + " ("
        + UpgradeMachine.describeChanges(state.versionChanges())
        + ")";
  }

  private Transition restore(OperationState state, Observations seen, Instant now) {
    List<String> waiting = new ArrayList<>();
    List<Action> actions = new ArrayList<>();
    for (Map.Entry<ObjectRef, ObjectRef> entry : state.snapshots().entrySet()) {
      RestoreStatus status = seen.restores().get(entry.getKey());
      if (status != null && status.done()) {
        continue;
      }
      actions.add(new Action.RestoreVolume(RestoreRequest.of(entry.getKey(), entry.getValue())));
      waiting.add(entry.getKey() + (status == null ? "" : " (" + status.detail() + ")"));
    }
    int done = state.snapshots().size() - waiting.size();
    if (waiting.isEmpty()) {
      return Transition.advance(
          Phase.GIT_REVERT, "restored " + state.pvcs() + " from their snapshots");
    }
    Transition transition =
        Transition.waiting("volumes to be restored: " + String.join(", ", waiting)).act(actions);
    if (done > state.progress()) {
      transition = transition.update(s -> s.progress(done).progressAt(now));
    }
    return transition;
  }

  private Transition gitRevert(OperationState state, Observations seen) {
    String upgradeCommit = state.revertOf().orElseThrow();
    if (seen.commit().isPresent()) {
      GitCommit revert = seen.commit().get();
      return Transition.advance(
              Phase.RECONCILE,
              "reverted " + shortId(upgradeCommit) + " with " + shortId(revert.id()))
          .update(s -> s.commitId(revert.id()))
          .act(reconcileEntryActions(seen));
    }
    return Transition.waiting("the revert of " + shortId(upgradeCommit) + " to be pushed")
        .act(new Action.RevertCommit(revertRequest(state, upgradeCommit)));
  }
}
