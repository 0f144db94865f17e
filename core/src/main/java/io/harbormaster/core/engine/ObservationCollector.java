package io.harbormaster.core.engine;

import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.health.WorkloadStatus;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RetryCannotHelp;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.operation.ImmutableObservations;
import io.harbormaster.core.operation.Needs;
import io.harbormaster.core.operation.Observations;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.PhaseMachine;
import io.harbormaster.core.operation.SnapshotNames;
import io.harbormaster.core.port.RestoreRequest;
import io.harbormaster.core.port.VersionEdit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads, through the ports, exactly what the state's phase needs ({@link PhaseMachine#needs}). */
final class ObservationCollector {
  private final Ports ports;

  ObservationCollector(Ports ports) {
    this.ports = ports;
  }

  Observations observe(ManagedApp app, PhaseMachine machine, OperationState state) {
    Set<Needs> needs = machine.needs(state);
    if (state.phase() == Phase.PENDING) {
      // Before anything is read or touched: the tenant's spec, and what a rollback inherits from a
      // status anyone with write access to it could have written. Later, OperationRunner checks
      // every action, so a reference changed mid-operation fails it then.
      ports.tenancy().checkSpec(app);
      ports.tenancy().checkState(state);
    }
    ImmutableObservations.Builder seen = Observations.builder();
    if (needs.contains(Needs.FLUX_PARENTS)) {
      ports.fluxReader().verifyParents(app.flux());
    }
    if (needs.contains(Needs.TARGETS)) {
      AppTargets targets = ports.discovery().discover(app);
      ports.tenancy().checkTargets(app.id(), targets);
      seen.targets(targets);
    }
    if (needs.contains(Needs.AVAILABLE_VERSIONS)) {
      seen.currentVersion(CurrentVersion.of(ports.git(), app));
      seen.availableVersions(
          ports
              .versions()
              .orElseThrow(
                  () ->
                      new RetryCannotHelp(
                          "no version source is configured, so an upgrade of "
                              + app.id()
                              + " needs spec.target"))
              .availableVersions(app));
    }
    if (needs.contains(Needs.VERSION_PREVIEW)) {
      Optional<VersionEdit> edit = machine.plannedEdit(state);
      seen.versionPreview(
          edit.isPresent()
              ? ports.git().preview(edit.get())
              : ports.git().previewRevert(machine.plannedRevert(state).orElseThrow()));
    }
    if (needs.contains(Needs.TARGET_AVAILABILITY)) {
      seen.targetFindings(
          ports
              .targetCatalog()
              .check(
                  app,
                  state
                      .target()
                      .orElseThrow(
                          () -> new IllegalStateException(state.id() + " has no target"))));
    }
    if (needs.contains(Needs.IMAGE_AUTOMATIONS)) {
      seen.imageAutomations(ports.imageAutomations().writingTo(app));
    }
    Map<FluxRef, FluxStatus> flux = new LinkedHashMap<>();
    if (needs.contains(Needs.FLUX)) {
      for (FluxRef ref : app.flux().objects()) {
        flux.put(ref, ports.fluxReader().status(ref));
      }
      seen.flux(flux);
      for (ObjectRef automation : state.imageAutomations()) {
        ports
            .imageAutomations()
            .suspended(automation)
            .ifPresent(suspended -> seen.putImageAutomationsSuspended(automation, suspended));
      }
    }
    if (needs.contains(Needs.COMMIT_APPLIED)) {
      String ours =
          state
              .commitId()
              .orElseThrow(
                  () -> new IllegalStateException(state.id() + " has no commit to wait for"));
      FluxStatus applier = flux.get(app.flux().applier());
      seen.commitApplied(includes(app, applier.appliedCommit(), ours));
      seen.commitAttempted(includes(app, applier.attemptedCommit(), ours));
    }
    if (needs.contains(Needs.WORKLOADS)) {
      Set<WorkloadRef> refs = new LinkedHashSet<>(state.workloadRefs());
      refs.addAll(state.originalReplicas().keySet());
      for (WorkloadStatus status : ports.workloadReader().status(refs)) {
        seen.putWorkload(status.ref(), status);
      }
    }
    if (needs.contains(Needs.PODS_MOUNTING)) {
      seen.podsMounting(ports.workloadReader().podsMounting(state.pvcs()));
    }
    if (needs.contains(Needs.SNAPSHOTS)) {
      for (ObjectRef pvc : state.pvcs()) {
        ObjectRef snapshot = SnapshotNames.of(state.id(), pvc);
        seen.putSnapshot(snapshot, ports.snapshots().status(snapshot));
      }
    }
    if (needs.contains(Needs.RESTORES)) {
      for (Map.Entry<ObjectRef, ObjectRef> entry : state.snapshots().entrySet()) {
        seen.putRestore(
            entry.getKey(),
            ports.snapshots().restoreStatus(RestoreRequest.of(entry.getKey(), entry.getValue())));
      }
    }
    if (needs.contains(Needs.COMMIT)) {
      seen.commit(ports.git().findCommit(app.git(), state.id()));
    }
    return seen.build();
  }

  /** Whether {@code commit} is {@code ours} or a later commit of the branch that includes it. */
  private boolean includes(ManagedApp app, Optional<String> commit, String ours) {
    return commit
        .map(id -> id.equals(ours) || ports.git().contains(app.git(), id, ours))
        .orElse(false);
  }
}
