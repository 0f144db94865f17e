package io.harbormaster.core.operation;

import io.harbormaster.core.automation.ImageAutomationSearch;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.health.WorkloadStatus;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.port.GitCommit;
import io.harbormaster.core.port.RestoreStatus;
import io.harbormaster.core.port.SnapshotStatus;
import io.harbormaster.core.port.TargetFinding;
import io.harbormaster.core.port.ValueChange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What the engine saw just before a step: only what {@link PhaseMachine#needs} asked for the
 * state's phase is filled in.
 */
@Value.Immutable
public abstract class Observations {
  public abstract Optional<AppTargets> targets();

  /** The value at the app's version path now (upgrades without an explicit target). */
  public abstract Optional<String> currentVersion();

  public abstract List<String> availableVersions();

  /**
   * What the operation's commit (an upgrade's) or revert (a rollback's) would change, read from the
   * branch tip.
   */
  public abstract Optional<List<ValueChange>> versionPreview();

  /** What the target catalog found for each chart version and image tag of the target. */
  public abstract List<TargetFinding> targetFindings();

  /** The image automations that write the app's file (asked in Pending). */
  public abstract Optional<ImageAutomationSearch> imageAutomations();

  public abstract Map<FluxRef, FluxStatus> flux();

  /**
   * Whether each image automation the operation holds is suspended, by automation; one that no
   * longer exists is left out.
   */
  public abstract Map<ObjectRef, Boolean> imageAutomationsSuspended();

  public abstract Map<WorkloadRef, WorkloadStatus> workloads();

  /** Pods (running or terminating) that still mount a target volume. */
  public abstract List<ObjectRef> podsMounting();

  /** By VolumeSnapshot. */
  public abstract Map<ObjectRef, SnapshotStatus> snapshots();

  /** By PVC. */
  public abstract Map<ObjectRef, RestoreStatus> restores();

  /** Whether the commit Flux applied is, or includes, the operation's own (asked in Reconcile). */
  public abstract Optional<Boolean> commitApplied();

  /**
   * Whether the commit the Kustomization last attempted is, or includes, the operation's own: it
   * has applied the objects and may still wait on their health (spec.wait, healthChecks), which
   * holds {@code lastAppliedRevision} back (asked in Reconcile).
   */
  public abstract Optional<Boolean> commitAttempted();

  /** The operation's own pushed commit, when one exists (asked in the git phases). */
  public abstract Optional<GitCommit> commit();

  public static ImmutableObservations.Builder builder() {
    return ImmutableObservations.builder();
  }

  public static Observations none() {
    return builder().build();
  }
}
