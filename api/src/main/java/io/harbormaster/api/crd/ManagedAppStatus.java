package io.harbormaster.api.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.harbormaster.core.model.ShownLimits;
import java.util.List;

/**
 * The app as Harbormaster last saw it: Ready from the live health check, what discovery found, the
 * version in git, the newest upgrade, and snapshots whose upgrade request no longer exists. Its
 * texts and lists are bounded ({@link ShownLimits}) whatever the app holds: a list shows its first
 * items and the count of the others beside it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagedAppStatus(
    List<Condition> conditions,
    @JsonPropertyDescription(
            "The PVCs an upgrade snapshots, as discovery last found them: the first 50.")
        List<PvcItem> pvcs,
    @JsonPropertyDescription("How many more PVCs the app has than pvcs lists.")
        Integer pvcsNotListed,
    @JsonPropertyDescription(
            "The workloads an upgrade stops, as discovery last found them: the first 50.")
        List<WorkloadItem> workloads,
    @JsonPropertyDescription("How many more workloads the app has than workloads lists.")
        Integer workloadsNotListed,
    String currentVersion,
    String lastUpgrade,
    @JsonPropertyDescription("Snapshots whose upgrade request no longer exists: the first 50.")
        List<String> orphanedSnapshots,
    @JsonPropertyDescription("How many more such snapshots there are than orphanedSnapshots lists.")
        Integer orphanedSnapshotsNotListed,
    Long observedGeneration) {

  /**
   * The status of what was found, bounded: each list cut to its first items and counted, each text
   * cut.
   */
  public ManagedAppStatus(
      List<Condition> conditions,
      List<PvcItem> pvcs,
      List<WorkloadItem> workloads,
      String currentVersion,
      String lastUpgrade,
      List<String> orphanedSnapshots,
      Long observedGeneration) {
    this(
        ShownConditions.of(conditions),
        ShownLimits.first(pvcs),
        ShownLimits.notListed(pvcs),
        ShownLimits.first(workloads),
        ShownLimits.notListed(workloads),
        ShownLimits.text(currentVersion),
        ShownLimits.text(lastUpgrade),
        ShownLimits.first(orphanedSnapshots),
        ShownLimits.notListed(orphanedSnapshots),
        observedGeneration);
  }
}
