package io.harbormaster.api.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.harbormaster.core.model.ShownLimits;
import java.util.List;
import java.util.Map;

/**
 * The status of an UpgradeRequest or RollbackRequest: the conditions people read, and everything
 * the core's OperationState holds, so a restarted operator resumes exactly where it was. Times are
 * RFC 3339; maps keyed by objects are lists of entries.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationStatus(
    String phase,
    String phaseStartedAt,
    List<Condition> conditions,
    String message,
    NamespacedName app,
    String progressAt,
    Integer progress,
    Integer attempts,
    String lastError,
    String lastWarning,
    String waitingFor,
    Target target,
    List<WorkloadItem> workloads,
    List<PvcItem> volumes,
    List<Replicas> originalReplicas,
    List<SnapshotOf> snapshots,
    List<NamespacedName> imageAutomations,
    List<VersionChange> versionChanges,
    String commitId,
    NamespacedName upgrade,
    String revertOf,
    String failedIn,
    Boolean rollbackRequested,
    Boolean settled,
    List<PhaseRecord> history,
    Long observedGeneration) {

  /**
   * A request that has not started: only its conditions and message say why (invalid, blocked),
   * bounded as every status text is ({@link ShownLimits}): the message may quote a spec's value.
   */
  public static OperationStatus notStarted(
      List<Condition> conditions, String message, Long observedGeneration) {
    return new OperationStatus(
        null,
        null,
        ShownConditions.of(conditions),
        ShownLimits.text(message),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        observedGeneration);
  }

  /** The version moved to. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Target(String version, Map<String, String> imageTags) {}

  /** A workload's replica count before the operation stopped it. */
  public record Replicas(String kind, String namespace, String name, int replicas) {}

  /** The VolumeSnapshot of a PVC. */
  public record SnapshotOf(NamespacedName pvc, NamespacedName snapshot) {}

  /** One value the commit changes. */
  public record VersionChange(String path, String from, String to) {}

  /** One finished phase. */
  public record PhaseRecord(String phase, String startedAt, String endedAt, String summary) {}
}
