package io.harbormaster.core.operation;

import io.harbormaster.core.automation.ImageAutomation;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.model.AutoUpdate;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.operation.PhaseRow.FluxHold;
import io.harbormaster.core.operation.PhaseRow.NeedsRule;
import io.harbormaster.core.port.GitCommit;
import io.harbormaster.core.port.SnapshotRequest;
import io.harbormaster.core.port.SnapshotStatus;
import io.harbormaster.core.port.TargetFinding;
import io.harbormaster.core.port.ValueChange;
import io.harbormaster.core.port.VersionEdit;
import io.harbormaster.core.redaction.Redaction;
import io.harbormaster.core.version.SemanticVersion;
import io.harbormaster.core.version.VersionPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Upgrade: Pending, then DryRun or Suspend, ScaleDown, Snapshot, GitCommit, Reconcile, HealthCheck;
 * Completed, or Failed. A failure after the commit hands recovery to a rollback when the app has
 * autoRollback; any other failure resumes Flux and restarts the workloads.
 */
public final class UpgradeMachine extends PhaseMachine {
  private final UpgradeRequest request;
  private final PhaseTable phases;

  public UpgradeMachine(ManagedApp app, UpgradeRequest request) {
    super(app);
    this.request = request;
    this.phases =
        PhaseTable.of(
            "an upgrade",
            PhaseRow.of(
                Phase.PENDING,
                UpgradeMachine::pendingNeeds,
                PLANNING,
                FluxHold.RUNNING,
                (state, seen, now) ->
                    state.target().isPresent() ? plan(state, seen) : chooseTarget(seen)),
            dryRunRow(),
            suspendRow(),
            scaleDownRow(),
            new PhaseRow(
                Phase.SNAPSHOT,
                NeedsRule.always(Needs.FLUX, Needs.SNAPSHOTS),
                VOLUME_PROGRESS,
                PhaseRow.Clock.LAST_PROGRESS,
                FluxHold.SUSPENDED,
                this::snapshot),
            PhaseRow.of(
                Phase.GIT_COMMIT,
                NeedsRule.always(Needs.FLUX, Needs.COMMIT),
                GIT_PUSH,
                FluxHold.SUSPENDED,
                (state, seen, now) -> gitCommit(state, seen)),
            reconcileRow(),
            healthCheckRow());
  }

  @Override
  PhaseTable phases() {
    return phases;
  }

  /**
   * Without a target, Pending first picks one from the versions autoUpdate allows; with one, it
   * checks the app and previews the commit before anything is touched.
   */
  private static Set<Needs> pendingNeeds(OperationState state) {
    return state.target().isEmpty()
        ? EnumSet.of(Needs.AVAILABLE_VERSIONS)
        : EnumSet.of(
            Needs.TARGETS,
            Needs.VERSION_PREVIEW,
            Needs.TARGET_AVAILABILITY,
            Needs.IMAGE_AUTOMATIONS,
            Needs.FLUX,
            Needs.FLUX_PARENTS);
  }

  public OperationState start(Instant now) {
    return OperationState.builder()
        .id(OperationId.upgrade(request.id()))
        .app(app.id())
        .phase(Phase.PENDING)
        .phaseStartedAt(now)
        .target(request.target())
        .build();
  }

  /**
   * The edit the upgrade commits: the target's values, over the values Pending read, which must
   * still be there.
   */
  public VersionEdit versionEdit(OperationState state) {
    TargetVersion target =
        state
            .target()
            .orElseThrow(
                () -> new IllegalStateException(state.id() + " has no target version yet"));
    Map<String, String> planned = new LinkedHashMap<>();
    state.versionChanges().forEach(change -> planned.put(change.path(), change.from()));
    return VersionEdit.builder()
        .from(VersionEdits.of(app, state.id(), target))
        .expected(planned)
        .build();
  }

  @Override
  public Optional<VersionEdit> plannedEdit(OperationState state) {
    return state.target().map(target -> VersionEdits.of(app, state.id(), target));
  }

  @Override
  protected Phase afterScaleDown(OperationState state) {
    boolean snapshots =
        app.snapshots().enabled() && !request.skipSnapshot() && !state.volumes().isEmpty();
    return snapshots ? Phase.SNAPSHOT : Phase.GIT_COMMIT;
  }

  @Override
  protected boolean resumesImageAutomations() {
    return true;
  }

  @Override
  protected boolean handsToRollback(OperationState state) {
    return state.commitId().isPresent() && app.autoRollback();
  }

  @Override
  protected String completionSummary(OperationState state) {
    return "upgraded " + describeChanges(state.versionChanges());
  }

  private Transition chooseTarget(Observations seen) {
    if (app.autoUpdate() == AutoUpdate.NONE) {
      return Transition.advance(
          Phase.FAILED,
          "spec.target is missing and the app's autoUpdate is None: name a target version, or set autoUpdate"
              + " to patch, minor or major on ManagedApp "
              + app.id());
    }
    String current =
        seen.currentVersion()
            .orElseThrow(() -> new IllegalStateException("current version not observed"));
    Optional<String> chosen =
        VersionPolicy.newestAllowed(app.autoUpdate(), current, seen.availableVersions());
    if (chosen.isEmpty()) {
      return Transition.advance(
          Phase.COMPLETED,
          "already at "
              + current
              + ", the newest version autoUpdate "
              + app.autoUpdate().name().toLowerCase()
              + " allows");
    }
    return Transition.waiting("a preview of the change to " + chosen.get())
        .update(s -> s.target(TargetVersion.of(chosen.get())));
  }

  private Transition plan(OperationState state, Observations seen) {
    Optional<Transition> untellable = untellableSource(seen);
    if (untellable.isPresent()) {
      return untellable.get();
    }
    List<FluxRef> paused =
        app.flux().objects().stream()
            .filter(ref -> flux(seen, ref).suspended())
            .collect(Collectors.toList());
    if (!paused.isEmpty()) {
      return Transition.advance(
          Phase.FAILED,
          paused
              + " is already suspended: Harbormaster does not upgrade an app someone has paused;"
              + " resume it (flux resume) and create the upgrade again");
    }
    List<String> selfRemediating =
        app.flux().objects().stream()
            .map(ref -> flux(seen, ref))
            .filter(status -> status.selfRemediation().isPresent())
            .map(status -> status.ref() + " (" + status.selfRemediation().orElseThrow() + ")")
            .toList();
    if (!selfRemediating.isEmpty()) {
      return Transition.advance(
          Phase.FAILED,
          String.join(", ", selfRemediating)
              + " would remediate a failed upgrade by itself, starting the old version on"
              + " volumes the new one may have migrated before Harbormaster restores them: set"
              + " spec.upgrade.remediation.retries to 0 in git (Harbormaster's rollback restores the snapshots) and"
              + " create the upgrade again");
    }
    List<ValueChange> changes =
        seen.versionPreview().orElseThrow(() -> new IllegalStateException("preview not observed"));
    if (changes.stream().allMatch(change -> change.from().equals(change.to()))) {
      return Transition.advance(
          Phase.COMPLETED, "already at " + describeChanges(changes) + ": nothing to do");
    }
    List<ValueChange> downgrades = changes.stream().filter(UpgradeMachine::downgrades).toList();
    if (!downgrades.isEmpty() && !request.allowDowngrade()) {
      return Transition.advance(
          Phase.FAILED,
          describeChanges(downgrades)
              + " is a downgrade: data the newer version wrote may not be readable by the"
              + " older one. To go back, roll back the upgrade that brought the newer version (it restores the"
              + " snapshots taken before it); to move back anyway, set spec.allowDowngrade: true");
    }
    List<TargetFinding> missing = findings(seen, TargetFinding.Verdict.MISSING);
    if (!missing.isEmpty()) {
      return Transition.advance(
          Phase.FAILED,
          "the target does not exist: "
              + Texts.join(missing)
              + ". Nothing was stopped; check the version (hm upgrade --to, spec.target) and create"
              + " the upgrade again");
    }
    List<TargetFinding> unchecked = findings(seen, TargetFinding.Verdict.UNCHECKED);
    AppTargets targets =
        seen.targets().orElseThrow(() -> new IllegalStateException("targets not observed"));
    // Those someone has paused stay as they are: resuming them afterwards is not ours to do.
    List<ObjectRef> automations =
        imageAutomations(seen).writers().stream()
            .filter(automation -> !automation.suspended())
            .map(ImageAutomation::ref)
            .toList();
    return Transition.advance(
            request.dryRun() ? Phase.DRY_RUN : Phase.SUSPEND,
            "found "
                + Texts.count(targets.workloads().size(), "workload")
                + " and "
                + Texts.count(targets.volumes().size(), "volume")
                + " to protect"
                + heldWhileItWorks(automations)
                + (unchecked.isEmpty() ? "" : "; could not check " + Texts.join(unchecked)))
        .update(
            s ->
                s.workloads(targets.workloads())
                    .volumes(targets.volumes())
                    .versionChanges(changes)
                    .imageAutomations(automations));
  }

  private static List<TargetFinding> findings(Observations seen, TargetFinding.Verdict verdict) {
    return seen.targetFindings().stream().filter(f -> f.verdict() == verdict).toList();
  }

  @Override
  protected String describePlan(OperationState state) {
    String snapshots =
        afterScaleDown(state) == Phase.SNAPSHOT ? "snapshot " + state.pvcs() : "take no snapshot";
    return heldImageAutomations(state)
        + "stop "
        + state.workloadRefs()
        + ", "
        + snapshots
        + ", commit "
        + describeChanges(state.versionChanges());
  }

  private Transition snapshot(OperationState state, Observations seen, Instant now) {
    Map<ObjectRef, ObjectRef> names = new LinkedHashMap<>();
    state.pvcs().forEach(pvc -> names.put(pvc, SnapshotNames.of(state.id(), pvc)));
    List<String> waiting = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<Action> actions = new ArrayList<>();
    int ready = 0;
    for (Map.Entry<ObjectRef, ObjectRef> entry : names.entrySet()) {
      SnapshotStatus status =
          seen.snapshots().getOrDefault(entry.getValue(), SnapshotStatus.missing());
      if (status.readyToUse()) {
        ready++;
        continue;
      }
      if (!status.exists()) {
        actions.add(
            new Action.CreateSnapshot(snapshotRequest(state, entry.getKey(), entry.getValue())));
      }
      status.error().ifPresent(error -> errors.add(entry.getValue() + ": " + error));
      waiting.add(
          entry.getValue() + status.error().map(error -> " (error: " + error + ")").orElse(""));
    }
    if (waiting.isEmpty()) {
      return Transition.advance(
              Phase.GIT_COMMIT,
              "took " + Texts.count(names.size(), "snapshot") + ": " + names.values())
          .update(s -> s.snapshots(names));
    }
    Transition transition =
        Transition.waiting("snapshots to be ready to use: " + String.join(", ", waiting))
            .act(actions)
            .update(s -> s.snapshots(names));
    int done = ready;
    if (done > state.progress()) {
      transition = transition.update(s -> s.progress(done).progressAt(now));
    }
    // Redacted as the status stores it, so the warning read back compares equal and is not reported
    // again.
    String warning = Redaction.redact(String.join("; ", errors));
    if (!errors.isEmpty() && !state.lastWarning().equals(Optional.of(warning))) {
      // The snapshot controller retries failed snapshots; report each new error once and keep
      // waiting.
      transition = transition.warn("SnapshotError", warning).update(s -> s.lastWarning(warning));
    }
    return transition;
  }

  private SnapshotRequest snapshotRequest(OperationState state, ObjectRef pvc, ObjectRef snapshot) {
    return SnapshotRequest.builder()
        .snapshot(snapshot)
        .pvc(pvc)
        .app(app.id())
        .operation(state.id())
        .volumeSnapshotClassName(app.snapshots().volumeSnapshotClassName())
        .build();
  }

  private Transition gitCommit(OperationState state, Observations seen) {
    if (seen.commit().isPresent()) {
      GitCommit commit = seen.commit().get();
      List<ValueChange> changes =
          commit.changes().isEmpty() ? state.versionChanges() : commit.changes();
      return Transition.advance(
              Phase.RECONCILE,
              "committed " + shortId(commit.id()) + ": " + describeChanges(changes))
          .update(s -> s.commitId(commit.id()).versionChanges(changes))
          .act(reconcileEntryActions(seen));
    }
    return Transition.waiting(
            "the commit to " + app.git().repository() + " (" + app.git().branch() + ")")
        .act(new Action.CommitVersion(versionEdit(state)));
  }

  /** Both sides semantic versions, and the new one lower; other tags cannot be ordered and pass. */
  private static boolean downgrades(ValueChange change) {
    Optional<SemanticVersion> from = SemanticVersion.parse(change.from());
    Optional<SemanticVersion> to = SemanticVersion.parse(change.to());
    return from.isPresent() && to.isPresent() && to.get().compareTo(from.get()) < 0;
  }

  static String describeChanges(List<ValueChange> changes) {
    return changes.stream().map(ValueChange::toString).collect(Collectors.joining(", "));
  }
}
