package io.harbormaster.core.operation;

import io.harbormaster.core.automation.ImageAutomationSearch;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.health.HealthReport;
import io.harbormaster.core.health.HealthRule;
import io.harbormaster.core.health.WorkloadStatus;
import io.harbormaster.core.model.AutomationAfterRollback;
import io.harbormaster.core.model.FluxKind;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.ShownDuration;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.operation.PhaseRow.FluxHold;
import io.harbormaster.core.operation.PhaseRow.NeedsRule;
import io.harbormaster.core.port.EventRecorder;
import io.harbormaster.core.port.ValueChange;
import java.time.Duration;
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
 * What upgrades and rollbacks share: stepping, timeouts, failure and cleanup, and the phases both
 * run (Suspend, ScaleDown, Reconcile, HealthCheck). Each machine lists its phases in a {@link
 * PhaseTable}. Every phase is level-triggered: each step compares fresh observations with what the
 * phase wants and re-emits the (idempotent) actions still needed, so a lost action or a crash only
 * costs a step.
 */
public abstract class PhaseMachine {
  /** Pending and DryRun read git and the cluster; this bounds retries of a failing read. */
  protected static final Duration PLANNING = Duration.ofMinutes(2);

  /**
   * The longest Reconcile waits before it asks a source whose revisions are digests (an
   * OCIRepository) to fetch again, until that source holds the artifact of the operation's commit.
   */
  static final Duration ARTIFACT_RECHECK = Duration.ofSeconds(15);

  /** The first of those asks comes this long after the commit. */
  static final Duration FIRST_ARTIFACT_RECHECK = Duration.ofSeconds(2);

  /** A git push, retried while git refuses it for a reason that may pass. */
  protected static final Duration GIT_PUSH = Duration.ofMinutes(2);

  /** Snapshot and VolumeRestore, counted from their last progress. */
  protected static final Duration VOLUME_PROGRESS = Duration.ofMinutes(30);

  protected final ManagedApp app;

  protected PhaseMachine(ManagedApp app) {
    this.app = app;
  }

  /** This kind of operation's phases, in the order it runs them. */
  abstract PhaseTable phases();

  /** The phase to go to after ScaleDown. */
  protected abstract Phase afterScaleDown(OperationState state);

  /**
   * What the engine must observe before stepping {@code state}, so each step reads only what it
   * uses.
   */
  public final Set<Needs> needs(OperationState state) {
    if (state.phase() == Phase.FAILED) {
      return settleNeeds(state);
    }
    if (state.phase().terminal()) {
      return EnumSet.noneOf(Needs.class);
    }
    return phases().row(state.phase()).needs().of(state);
  }

  /** The git edit a Pending state previews, if this kind of operation commits one. */
  public Optional<io.harbormaster.core.port.VersionEdit> plannedEdit(OperationState state) {
    return Optional.empty();
  }

  /** The git revert a Pending state previews, if this kind of operation reverts one. */
  public Optional<io.harbormaster.core.port.RevertRequest> plannedRevert(OperationState state) {
    return Optional.empty();
  }

  /**
   * Whether the operation resumes the image automations it held once it ends: an upgrade does; a
   * rollback leaves them suspended, or they would push the tag it undid straight back.
   */
  protected abstract boolean resumesImageAutomations();

  /** Whether a failure in {@code state} hands the recovery to a rollback. */
  protected boolean handsToRollback(OperationState state) {
    return false;
  }

  /** One step: the next state and the actions to run. */
  public final Step step(OperationState state, Observations seen, Instant now) {
    if (state.finished()) {
      return new Step(state, List.of(), Optional.empty());
    }
    if (state.phase() == Phase.FAILED) {
      return settle(state, seen, now);
    }
    Transition transition = decide(state, seen, now);
    if (!transition.advances() && expired(state, now)) {
      String waitingFor =
          " waiting for "
              + transition.summary()
              + state.lastError().map(error -> "; the last error was: " + error).orElse("");
      return fail(state, timeoutMessage(state, waitingFor), now, transition.actions());
    }
    return finish(state, transition, now);
  }

  /**
   * Ends the operation for a reason that retrying cannot fix (bad path in git, unstoppable pod...).
   */
  public final Step fail(OperationState state, String reason, Instant now) {
    return fail(state, reason, now, List.of());
  }

  /**
   * The engine could not observe (a transient error). The state keeps the error for people to see;
   * if the phase's time is up the operation fails with it.
   */
  public final Step observationFailed(OperationState state, String error, Instant now) {
    if (state.finished()) {
      return new Step(state, List.of(), Optional.empty());
    }
    if (!state.phase().terminal() && expired(state, now)) {
      return fail(state, timeoutMessage(state, "; the last attempt failed: " + error), now);
    }
    OperationState noted = state.with(b -> b.attempts(state.attempts() + 1).lastError(error));
    return new Step(noted, List.of(), deadline(noted));
  }

  private Transition decide(OperationState state, Observations seen, Instant now) {
    PhaseRow row = phases().row(state.phase());
    if (row.flux() == PhaseRow.FluxHold.SUSPENDED) {
      Optional<Transition> resumed = resumedBehindOurBack(seen);
      if (resumed.isPresent()) {
        return resumed.get();
      }
    }
    Transition decided = row.handler().decide(state, seen, now);
    if (row.flux() == PhaseRow.FluxHold.RUNNING) {
      return decided;
    }
    // Resumed by someone meanwhile: held again, so that only Harbormaster writes the line.
    List<Action> resuspend =
        state.imageAutomations().stream()
            .filter(ref -> !seen.imageAutomationsSuspended().getOrDefault(ref, true))
            .map(ref -> (Action) new Action.SuspendImageAutomation(ref))
            .toList();
    return resuspend.isEmpty() ? decided : decided.act(resuspend);
  }

  private Step finish(OperationState state, Transition transition, Instant now) {
    if (transition.fails()) {
      return fail(state, transition.summary(), now, transition.actions());
    }
    List<Action> actions = new ArrayList<>(transition.actions());
    OperationState next = transition.apply(state, now);
    if (transition.advances()) {
      actions.add(
          0, event(EventRecorder.Type.NORMAL, state.phase().display(), transition.summary()));
      if (next.phase() == Phase.COMPLETED) {
        next = next.with(b -> b.settled(true).message(transition.summary()));
      }
    }
    Optional<Instant> deadline = deadline(next);
    Optional<Instant> lookAgain =
        transition.lookAgainAt().filter(at -> deadline.map(at::isBefore).orElse(true));
    return new Step(next, actions, lookAgain.or(() -> deadline));
  }

  private Step fail(OperationState state, String reason, Instant now, List<Action> alsoRun) {
    boolean rollback = handsToRollback(state);
    String message = rollback ? reason + "; rolling back" : reason;
    OperationState failed =
        ImmutableOperationState.builder()
            .from(state)
            .phase(Phase.FAILED)
            .phaseStartedAt(now)
            .failedIn(state.phase())
            .rollbackRequested(rollback)
            .settled(!rollback && !owesCleanup(state))
            .message(message)
            .addHistory(
                PhaseRecord.of(state.phase(), state.phaseStartedAt(), now, "failed: " + reason))
            .build();
    List<Action> actions = new ArrayList<>();
    // Only non-mutating actions of the failing step survive; cleanup decides the rest afresh.
    alsoRun.stream().filter(action -> !action.mutates()).forEach(actions::add);
    actions.add(event(EventRecorder.Type.WARNING, "Failed", message));
    return new Step(failed, actions, Optional.empty());
  }

  /**
   * Before Suspend an operation has touched nothing, so there is nothing to put back; unless it
   * took over a failed upgrade (it inherited replica counts), whose Flux objects and workloads it
   * now owns.
   */
  private static boolean owesCleanup(OperationState state) {
    boolean started = state.phase() != Phase.PENDING && state.phase() != Phase.DRY_RUN;
    return started || !state.originalReplicas().isEmpty();
  }

  /**
   * A failed operation puts Flux and the workloads back as it found them, then it is settled; or,
   * when a rollback takes over, it starts the rollback and is settled once that is asked for.
   */
  private Step settle(OperationState state, Observations seen, Instant now) {
    Optional<OperationState> late = lateCommit(state, seen);
    if (late.isPresent()) {
      return settle(late.get(), seen, now);
    }
    if (state.rollbackRequested()) {
      return new Step(
          state.with(b -> b.settled(true)),
          List.of(new Action.StartRollback(state.id())),
          Optional.empty());
    }
    List<Action> actions = new ArrayList<>(resumeActions(seen));
    actions.addAll(restoreReplicaActions(state, seen));
    if (resumesImageAutomations()) {
      actions.addAll(imageAutomationResumes(state, seen));
    }
    if (!actions.isEmpty()) {
      return new Step(state, actions, Optional.of(now.plus(phases().row(Phase.SUSPEND).timeout())));
    }
    OperationState settled = state.with(b -> b.settled(true));
    return new Step(
        settled,
        List.of(
            event(
                EventRecorder.Type.NORMAL,
                "Settled",
                "Flux resumed and workloads back at their replica counts")),
        Optional.empty());
  }

  /**
   * A commit that reached git although its phase failed (the push went through, the answer did
   * not). Resuming Flux would apply it, so the failed operation owns it: a rollback takes over when
   * the app allows, and the message says so either way.
   */
  private Optional<OperationState> lateCommit(OperationState state, Observations seen) {
    if (state.commitId().isPresent() || seen.commit().isEmpty()) {
      return Optional.empty();
    }
    OperationState owned = state.with(b -> b.commitId(seen.commit().get().id()));
    boolean rollback = handsToRollback(owned);
    String note =
        "; commit "
            + shortId(seen.commit().get().id())
            + " reached git before the failure"
            + (rollback ? ", rolling back" : ": Flux will apply it");
    return Optional.of(
        owned.with(
            b -> b.rollbackRequested(rollback).message(state.message().orElse("failed") + note)));
  }

  /**
   * A failed operation reads Flux and the workloads to put them back, and git when a commit may
   * have reached it although its phase failed; nothing once it is settled or handed to a rollback.
   */
  private static Set<Needs> settleNeeds(OperationState state) {
    if (state.settled() || state.rollbackRequested()) {
      return EnumSet.noneOf(Needs.class);
    }
    boolean commitUnknown =
        state.commitId().isEmpty()
            && (state.failedIn().equals(Optional.of(Phase.GIT_COMMIT))
                || state.failedIn().equals(Optional.of(Phase.GIT_REVERT)));
    return commitUnknown
        ? EnumSet.of(Needs.FLUX, Needs.WORKLOADS, Needs.COMMIT)
        : EnumSet.of(Needs.FLUX, Needs.WORKLOADS);
  }

  // --- Phases both operations run -------------------------------------------------------------

  /** What the operation would do, for a dry run's summary. */
  protected abstract String describePlan(OperationState state);

  /** A dry run: report the plan Pending made and end, having changed nothing. */
  protected final PhaseRow dryRunRow() {
    return PhaseRow.of(
        Phase.DRY_RUN,
        NeedsRule.nothing(),
        PLANNING,
        FluxHold.RUNNING,
        (state, seen, now) ->
            Transition.advance(
                Phase.COMPLETED, "dry run, nothing changed: would " + describePlan(state)));
  }

  /** Suspend the app's Flux objects, then record the workloads' replica counts. */
  protected final PhaseRow suspendRow() {
    return PhaseRow.of(
        Phase.SUSPEND,
        NeedsRule.always(Needs.FLUX, Needs.WORKLOADS),
        Duration.ofMinutes(2),
        FluxHold.RUNNING,
        (state, seen, now) -> suspend(state, seen));
  }

  /**
   * Scale the workloads that mount the volumes to zero, and wait until no pod mounts them; then,
   * before the volumes are touched, check that git still holds what Pending planned on.
   */
  protected final PhaseRow scaleDownRow() {
    return PhaseRow.of(
        Phase.SCALE_DOWN,
        NeedsRule.always(Needs.FLUX, Needs.WORKLOADS, Needs.PODS_MOUNTING, Needs.VERSION_PREVIEW),
        Duration.ofMinutes(5),
        FluxHold.SUSPENDED,
        (state, seen, now) -> scaleDown(state, seen));
  }

  /** Resume Flux and wait until it has applied the operation's commit and is Ready. */
  protected final PhaseRow reconcileRow() {
    return PhaseRow.of(
        Phase.RECONCILE,
        NeedsRule.always(Needs.FLUX, Needs.COMMIT_APPLIED),
        Duration.ofMinutes(10),
        FluxHold.RESUMING,
        this::reconcile);
  }

  /** Restart the workloads and wait, up to the app's own timeout, for the app to be healthy. */
  protected final PhaseRow healthCheckRow() {
    return PhaseRow.of(
        Phase.HEALTH_CHECK,
        NeedsRule.always(Needs.FLUX, Needs.WORKLOADS),
        app.healthCheckTimeout(),
        FluxHold.RESUMING,
        (state, seen, now) -> healthCheck(state, seen));
  }

  private Transition suspend(OperationState state, Observations seen) {
    // The automations first: from here on, only Harbormaster writes the app's version line.
    List<ObjectRef> pushing =
        state.imageAutomations().stream()
            .filter(ref -> !seen.imageAutomationsSuspended().getOrDefault(ref, true))
            .toList();
    List<FluxRef> running =
        app.flux().objects().stream()
            .filter(ref -> !flux(seen, ref).suspended())
            .collect(Collectors.toList());
    if (!pushing.isEmpty() || !running.isEmpty()) {
      List<Action> suspends = new ArrayList<>();
      pushing.forEach(ref -> suspends.add(new Action.SuspendImageAutomation(ref)));
      running.forEach(ref -> suspends.add(new Action.SuspendFlux(ref)));
      List<String> waiting = new ArrayList<>();
      running.forEach(ref -> waiting.add(ref.toString()));
      pushing.forEach(ref -> waiting.add("ImageUpdateAutomation " + ref));
      return Transition.waiting("Flux to report suspended: " + waiting).act(suspends);
    }
    List<String> inFlight =
        app.flux().objects().stream()
            .map(ref -> flux(seen, ref))
            .filter(status -> status.inFlight().isPresent())
            .map(status -> status.ref() + " (" + status.inFlight().orElseThrow() + ")")
            .collect(Collectors.toList());
    if (!inFlight.isEmpty()) {
      // It may still apply or upgrade what it started: stopping workloads under it would race it.
      return Transition.waiting(
          "Flux to finish the reconcile it had started before the suspend: "
              + String.join("; ", inFlight));
    }
    // Replica counts are recorded in a step that scales nothing, so a repeated step cannot record
    // 0.
    Map<WorkloadRef, Integer> originals = new LinkedHashMap<>(state.originalReplicas());
    for (WorkloadRef ref : state.workloadRefs()) {
      originals.putIfAbsent(ref, workload(seen, ref).desiredReplicas());
    }
    return Transition.advance(Phase.SCALE_DOWN, "suspended " + app.flux().objects())
        .update(s -> s.originalReplicas(originals));
  }

  private Transition scaleDown(OperationState state, Observations seen) {
    List<WorkloadRef> running =
        state.workloadRefs().stream()
            .filter(ref -> workload(seen, ref).desiredReplicas() > 0)
            .collect(Collectors.toList());
    if (running.isEmpty() && seen.podsMounting().isEmpty()) {
      return movedSincePending(state, seen)
          .orElseGet(
              () -> Transition.advance(afterScaleDown(state), "stopped " + describeStopped(state)));
    }
    return Transition.waiting(
            "workloads to stop"
                + (running.isEmpty() ? "" : ": " + running)
                + (seen.podsMounting().isEmpty()
                    ? ""
                    : "; pods still mounting the volumes: " + seen.podsMounting()))
        .act(running.stream().map(ref -> new Action.Scale(ref, 0)).collect(Collectors.toList()));
  }

  private Transition reconcile(OperationState state, Observations seen, Instant now) {
    List<Action> resumes = new ArrayList<>();
    if (flux(seen, app.flux().applier()).suspended()) {
      // Resumed again after a lost step: ask for the reconcile again too.
      resumes.add(new Action.ResumeFlux(app.flux().applier()));
      resumes.addAll(reconcileRequests(seen));
    }
    String commit = state.commitId().orElseThrow();
    FluxStatus applier = flux(seen, app.flux().applier());
    boolean applied = seen.commitApplied().orElse(false);
    if (!applied && applier.healthCheckingCommit().equals(Optional.of(commit))) {
      // Applied, now waiting on its health checks, which wait on these objects.
      resumes.addAll(childResumes(seen));
    }
    if (!applied && seen.commitAttempted().orElse(false)) {
      // Applied but held back by its health checks: a HelmRelease under it may have given up
      // already.
      Optional<Transition> gaveUp = stalled(seen);
      if (gaveUp.isPresent()) {
        return gaveUp.get();
      }
    }
    if (!applied) {
      Transition waiting =
          Transition.waiting(
                  app.flux().applier()
                      + " to apply commit "
                      + shortId(commit)
                      + applier.source().map(source -> " from " + source).orElse("")
                      + " (applied: "
                      + applier.appliedRevision().orElse("nothing yet")
                      + ", "
                      + applier.describeReady()
                      + ")"
                      + (applier.appliedRevision().isPresent() && applier.appliedCommit().isEmpty()
                          ? "; that revision names no git commit: publish the artifact with its origin revision"
                              + " (flux push artifact --source and --revision) so the commit it holds can be told"
                          : ""))
              .act(resumes);
      // A CI publishes the commit's artifact some time after the commit, and source-controller
      // looks for it on its own only at the source's interval: ask again until it has arrived.
      return applier
          .source()
          .filter(source -> !source.kind().revisionIsCommit())
          .map(
              source ->
                  waiting
                      .act(new Action.RequestSourceReconcile(source))
                      .lookAgainAt(
                          now.plus(artifactRecheck(Duration.between(state.phaseStartedAt(), now)))))
          .orElse(waiting);
    }
    List<Action> children = childResumes(seen);
    if (!children.isEmpty()) {
      // A suspended object handles a reconcile request by doing nothing: ask for one once it runs.
      resumes.addAll(children);
      return Transition.waiting(
              "the objects "
                  + app.flux().applier()
                  + " applied commit "
                  + shortId(commit)
                  + " to, to resume")
          .act(resumes);
    }
    Optional<Transition> gaveUp = stalled(seen);
    if (gaveUp.isPresent()) {
      return gaveUp.get();
    }
    String token = reconcileToken(commit);
    List<FluxRef> unhandled =
        app.flux().objects().stream()
            .filter(ref -> ref.kind() == FluxKind.HELM_RELEASE)
            .filter(ref -> !flux(seen, ref).handledReconcile().equals(Optional.of(token)))
            .collect(Collectors.toList());
    if (!unhandled.isEmpty()) {
      // Its spec may not show all the commit changed (a valuesFrom ConfigMap, a chart source's
      // revision), and a reconcile begun before the apply looks done: only one asked for now proves
      // helm-controller has read the commit.
      List<Action> requests = new ArrayList<>(resumes);
      unhandled.forEach(ref -> requests.add(new Action.RequestTrackedReconcile(ref, token)));
      return Transition.waiting(
              "helm-controller to act on commit "
                  + shortId(commit)
                  + " as applied: "
                  + unhandled
                  + " has not yet handled reconcile request "
                  + token)
          .act(requests);
    }
    List<String> notReady =
        app.flux().objects().stream()
            .map(ref -> flux(seen, ref))
            .filter(status -> !status.readyNow())
            .map(status -> status.ref() + " " + status.describeReady())
            .collect(Collectors.toList());
    if (!notReady.isEmpty()) {
      return Transition.waiting("Flux to be Ready: " + String.join("; ", notReady)).act(resumes);
    }
    return Transition.advance(Phase.HEALTH_CHECK, applier.ref() + " applied " + shortId(commit))
        .act(startActions(state));
  }

  /**
   * A Flux object that has given up on the change (Stalled), a HelmRelease whose chart version
   * source-controller has given up fetching, or a HelmRelease helm-controller rolled back by itself
   * (Remediated): waiting out the phase's timeout cannot help, so the phase fails now, and an
   * upgrade's rollback, which restores the volumes, starts minutes sooner.
   */
  private Optional<Transition> stalled(Observations seen) {
    // A suspended object keeps the conditions of its last reconcile: a stall from before says
    // nothing yet.
    List<FluxStatus> statuses =
        app.flux().objects().stream()
            .map(ref -> flux(seen, ref))
            .filter(status -> !status.suspended())
            .toList();
    return statuses.stream()
        .filter(FluxStatus::stalledNow)
        .findFirst()
        .map(
            status ->
                Transition.advance(
                    Phase.FAILED,
                    "Flux gave up: "
                        + status.ref()
                        + " is Stalled ("
                        + status.stalled().orElseThrow()
                        + ")"))
        .or(
            () ->
                statuses.stream()
                    .filter(status -> status.chartStalled().isPresent())
                    .findFirst()
                    .map(
                        status ->
                            Transition.advance(
                                Phase.FAILED,
                                "Flux cannot fetch the chart "
                                    + status.ref()
                                    + " asks for: "
                                    + status.chartStalled().orElseThrow())))
        .or(
            () ->
                statuses.stream()
                    .filter(status -> status.upToDate() && status.remediated().isPresent())
                    .findFirst()
                    .map(
                        status ->
                            Transition.advance(
                                Phase.FAILED,
                                "helm-controller undid the upgrade itself: "
                                    + status.ref()
                                    + " is Remediated ("
                                    + status.remediated().orElseThrow()
                                    + ")")));
  }

  private Transition healthCheck(OperationState state, Observations seen) {
    Optional<Transition> gaveUp = stalled(seen);
    if (gaveUp.isPresent()) {
      return gaveUp.get();
    }
    List<Action> starts = restoreReplicaActions(state, seen);
    HealthReport report =
        HealthRule.evaluate(
            app.flux().objects().stream().map(ref -> flux(seen, ref)).collect(Collectors.toList()),
            state.workloadRefs().stream()
                .map(ref -> workload(seen, ref))
                .collect(Collectors.toList()));
    if (starts.isEmpty() && report.healthy()) {
      return complete(state, seen);
    }
    return Transition.waiting("the app to be healthy: " + report.summary()).act(starts);
  }

  /** The message a completed operation ends with. */
  protected abstract String completionSummary(OperationState state);

  // --- Shared pieces ---------------------------------------------------------------------------

  /**
   * An applier whose source can never tell the commit it applied (a Bucket): Reconcile would wait
   * out its timeout with the workloads stopped, so the operation is refused before anything stops.
   */
  protected final Optional<Transition> untellableSource(Observations seen) {
    FluxStatus applier = flux(seen, app.flux().applier());
    return applier
        .source()
        .filter(source -> !source.kind().tellsCommit())
        .map(
            source ->
                Transition.advance(
                    Phase.FAILED,
                    applier.ref()
                        + " applies from "
                        + source
                        + ", whose revisions are digests of its contents that name no git commit:"
                        + " Harbormaster could not tell when its commit is applied and would wait out"
                        + " Reconcile with the workloads stopped; apply the app from a GitRepository,"
                        + " or from an OCIRepository whose artifacts are pushed with flux push artifact"
                        + " --source --revision"));
  }

  /**
   * The app is healthy: an upgrade completes and resumes the image automations it held in the same
   * step (should a resume fail, the request's lastError says so); a rollback completes with them
   * suspended, and says so.
   */
  private Transition complete(OperationState state, Observations seen) {
    Transition completed = Transition.advance(Phase.COMPLETED, completionSummary(state));
    if (resumesImageAutomations()) {
      return completed.act(imageAutomationResumes(state, seen));
    }
    return state.imageAutomations().isEmpty()
        ? completed
        : completed.act(
            event(EventRecorder.Type.WARNING, "ImageAutomationHeld", heldAutomations(state)));
  }

  /** The image automations Pending found writing the app's file. */
  protected static ImageAutomationSearch imageAutomations(Observations seen) {
    return seen.imageAutomations()
        .orElseThrow(() -> new IllegalStateException("image automations not observed"));
  }

  /** Pending's words for the image automations the operation will hold suspended. */
  protected static String heldWhileItWorks(List<ObjectRef> automations) {
    return automations.isEmpty()
        ? ""
        : "; holds image automation " + automations + " suspended while it works";
  }

  /** A dry run's words for the same. */
  protected static String heldImageAutomations(OperationState state) {
    return state.imageAutomations().isEmpty()
        ? ""
        : "suspend image automation " + state.imageAutomations() + ", ";
  }

  /** What a rollback that leaves the app's image automations suspended tells people. */
  private String heldAutomations(OperationState state) {
    String names =
        state.imageAutomations().stream()
            .map(ref -> "ImageUpdateAutomation " + ref)
            .collect(Collectors.joining(", "));
    String release =
        app.imageAutomation() == AutomationAfterRollback.RESUME
            ? "the operator resumes it (spec.imageAutomation: resumeAfterRollback) once it has left"
                + " that tag out of spec.git.imagePolicy"
            : "hm resume-automation "
                + app.id().name()
                + " -n "
                + app.id().namespace()
                + " resumes it, that tag first left out of spec.git.imagePolicy";
    return names
        + " stays suspended: resumed, it would push the newest tag its ImagePolicy picks, which may be"
        + " the version just rolled back; "
        + release;
  }

  /** Resumes of the image automations the operation held that are still suspended. */
  private static List<Action> imageAutomationResumes(OperationState state, Observations seen) {
    return state.imageAutomations().stream()
        .filter(ref -> seen.imageAutomationsSuspended().getOrDefault(ref, false))
        .map(ref -> (Action) new Action.ResumeImageAutomation(ref))
        .toList();
  }

  /**
   * Pending planned the commit (or the revert) on the values it read at the version paths. Should
   * one hold another value now, someone else pushed meanwhile (an image automation run already
   * under way when it was suspended, a person): the plan no longer holds, and the volumes and git
   * are left untouched.
   */
  private Optional<Transition> movedSincePending(OperationState state, Observations seen) {
    List<ValueChange> now =
        seen.versionPreview()
            .orElseThrow(() -> new IllegalStateException("version preview not observed"));
    List<String> moved = new ArrayList<>();
    for (ValueChange planned : state.versionChanges()) {
      now.stream()
          .filter(change -> change.path().equals(planned.path()))
          .filter(change -> !change.from().equals(planned.from()))
          .filter(change -> !change.from().equals(planned.to()))
          .forEach(
              change ->
                  moved.add(
                      "'"
                          + change.path()
                          + "' is now '"
                          + change.from()
                          + "' where Pending read '"
                          + planned.from()
                          + "'"));
    }
    if (moved.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Transition.advance(
            Phase.FAILED,
            String.join(", ", moved)
                + " in git: a push that is not Harbormaster's landed while it held Flux (an image"
                + " automation run already under way, a person). Stopped before the volumes or git"
                + " were touched; look at the branch's history and create the request again"));
  }

  /** While Flux should be suspended, a resume by someone else would apply git over our work. */
  private Optional<Transition> resumedBehindOurBack(Observations seen) {
    List<FluxRef> resumed =
        app.flux().objects().stream()
            .filter(ref -> !flux(seen, ref).suspended())
            .collect(Collectors.toList());
    if (resumed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Transition.advance(
            Phase.FAILED,
            resumed
                + " was resumed by someone else while Harbormaster had it suspended; stopped to keep Flux from"
                + " applying git over a half-done operation"));
  }

  /**
   * The app's objects under its applier, resumed once the applier has applied the commit: resumed
   * earlier, a HelmRelease would act on its previous spec first (a stalled one would even retry its
   * failed upgrade, on volumes just restored).
   */
  private List<Action> childResumes(Observations seen) {
    List<Action> actions = new ArrayList<>();
    app.flux().objects().stream()
        .filter(ref -> !ref.equals(app.flux().applier()))
        .filter(ref -> seen.flux().containsKey(ref) && seen.flux().get(ref).suspended())
        .forEach(
            ref -> {
              // As `flux reconcile helmrelease --with-source`: its chart's sources fetch first.
              seen.flux()
                  .get(ref)
                  .chartSources()
                  .forEach(source -> actions.add(new Action.RequestSourceReconcile(source)));
              actions.add(new Action.ResumeFlux(ref));
            });
    return actions;
  }

  /** Resume in reverse suspend order: the child before its parent re-applies it. */
  protected final List<Action> resumeActions(Observations seen) {
    List<Action> resumes = new ArrayList<>();
    List<FluxRef> objects = new ArrayList<>(app.flux().objects());
    java.util.Collections.reverse(objects);
    for (FluxRef ref : objects) {
      if (seen.flux().containsKey(ref) && seen.flux().get(ref).suspended()) {
        resumes.add(new Action.ResumeFlux(ref));
      }
    }
    return resumes;
  }

  /**
   * On entering Reconcile: resume the applier and ask it to reconcile now rather than at its
   * interval, its source first: the Kustomization applies only the artifact its source holds, and
   * source-controller fetches the new commit on its own only at the source's interval. The objects
   * it applies stay suspended until it has applied the commit to them.
   */
  protected final List<Action> reconcileEntryActions(Observations seen) {
    List<Action> actions = new ArrayList<>();
    actions.add(new Action.ResumeFlux(app.flux().applier()));
    actions.addAll(reconcileRequests(seen));
    return actions;
  }

  /**
   * As {@code flux reconcile kustomization --with-source}: the applier's source, then the applier.
   */
  private List<Action> reconcileRequests(Observations seen) {
    List<Action> requests = new ArrayList<>();
    Optional.ofNullable(seen.flux().get(app.flux().applier()))
        .flatMap(FluxStatus::source)
        .ifPresent(source -> requests.add(new Action.RequestSourceReconcile(source)));
    requests.add(new Action.RequestReconcile(app.flux().applier()));
    return requests;
  }

  /** The {@code requestedAt} value that asks a HelmRelease to act on this commit. */
  static String reconcileToken(String commit) {
    return "harbormaster-" + commit;
  }

  private static List<Action> startActions(OperationState state) {
    return state.originalReplicas().entrySet().stream()
        .filter(entry -> entry.getValue() > 0)
        .map(entry -> new Action.Scale(entry.getKey(), entry.getValue()))
        .collect(Collectors.toList());
  }

  private static List<Action> restoreReplicaActions(OperationState state, Observations seen) {
    return state.originalReplicas().entrySet().stream()
        .filter(entry -> seen.workloads().containsKey(entry.getKey()))
        .filter(entry -> seen.workloads().get(entry.getKey()).desiredReplicas() != entry.getValue())
        .map(entry -> new Action.Scale(entry.getKey(), entry.getValue()))
        .collect(Collectors.toList());
  }

  private static String describeStopped(OperationState state) {
    if (state.originalReplicas().isEmpty()) {
      return "no workloads (none mounts the volumes)";
    }
    return state.originalReplicas().entrySet().stream()
        .map(entry -> entry.getKey() + " (" + Texts.count(entry.getValue(), "replica") + ")")
        .collect(Collectors.joining(", "));
  }

  protected static FluxStatus flux(Observations seen, FluxRef ref) {
    FluxStatus status = seen.flux().get(ref);
    if (status == null) {
      throw new IllegalStateException("the engine did not observe " + ref + " before stepping");
    }
    return status;
  }

  protected static WorkloadStatus workload(Observations seen, WorkloadRef ref) {
    WorkloadStatus status = seen.workloads().get(ref);
    if (status == null) {
      throw new IllegalStateException("the engine did not observe " + ref + " before stepping");
    }
    return status;
  }

  protected static Action event(EventRecorder.Type type, String reason, String message) {
    return new Action.RecordEvent(type, reason, message);
  }

  protected static String shortId(String commitId) {
    return commitId.length() > 12 ? commitId.substring(0, 12) : commitId;
  }

  // --- Time ----------------------------------------------------------------------------------

  private boolean expired(OperationState state, Instant now) {
    return deadline(state).map(deadline -> !now.isBefore(deadline)).orElse(false);
  }

  /** The phase's deadline: its start (or last progress, in volume phases) plus its timeout. */
  public final Optional<Instant> deadline(OperationState state) {
    if (state.phase().terminal()) {
      return Optional.empty();
    }
    PhaseRow row = phases().row(state.phase());
    Instant clockStart =
        switch (row.clock()) {
          case PHASE_START -> state.phaseStartedAt();
          case LAST_PROGRESS ->
              state
                  .progressAt()
                  .filter(at -> at.isAfter(state.phaseStartedAt()))
                  .orElse(state.phaseStartedAt());
        };
    return Optional.of(clockStart.plus(row.timeout()));
  }

  /** How long {@code phase} may take in this machine. */
  public final Duration timeout(Phase phase) {
    return phases().row(phase).timeout();
  }

  /**
   * "phase P timed out after L" and {@code why}, which names what it waited for or what last
   * failed.
   */
  private String timeoutMessage(OperationState state, String why) {
    PhaseRow row = phases().row(state.phase());
    Duration limit = row.timeout();
    String measure = row.clock() == PhaseRow.Clock.LAST_PROGRESS ? " without progress" : "";
    return "phase " + state.phase() + " timed out after " + format(limit) + measure + why;
  }

  /**
   * A CI usually publishes a commit's artifact seconds after the push, sometimes minutes: ask again
   * after half the time waited so far, from {@link #FIRST_ARTIFACT_RECHECK} up to {@link
   * #ARTIFACT_RECHECK}, so a quick pipeline is seen at once and a slow one is not asked every few
   * seconds.
   */
  static Duration artifactRecheck(Duration waited) {
    Duration half = waited.dividedBy(2);
    if (half.compareTo(FIRST_ARTIFACT_RECHECK) < 0) {
      return FIRST_ARTIFACT_RECHECK;
    }
    return half.compareTo(ARTIFACT_RECHECK) > 0 ? ARTIFACT_RECHECK : half;
  }

  private static String format(Duration duration) {
    return ShownDuration.of(duration);
  }
}
