package io.harbormaster.api.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.harbormaster.core.model.ShownLimits;
import io.harbormaster.core.redaction.Redaction;
import java.util.List;

/**
 * The app as Harbormaster last saw it: Ready from the live health check, what discovery found, the
 * Flux image automations that write the app's file, the version in git, the newest upgrade, and
 * snapshots whose upgrade request no longer exists. Its texts and lists are bounded ({@link
 * ShownLimits}) whatever the app holds: a list shows its first items and the count of the others
 * beside it.
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
    @JsonPropertyDescription(
            "The Flux ImageUpdateAutomations (namespace/name) that write the file of spec.git: same"
                + " repository and branch, spec.update.path covering the file, and the namespace of"
                + " spec.git.imagePolicy when it is set. Read in the namespaces the app may touch;"
                + " the first 50.")
        List<String> imageAutomations,
    @JsonPropertyDescription(
            "How many more such automations there are than imageAutomations lists.")
        Integer imageAutomationsNotListed,
    @JsonPropertyDescription(
            "What the search for imageAutomations could not judge, each with why (a GitRepository"
                + " missing or not readable, a namespace whose automations may not be listed): the"
                + " first 50.")
        List<String> imageAutomationsSkipped,
    @JsonPropertyDescription("How many more were skipped than imageAutomationsSkipped lists.")
        Integer imageAutomationsSkippedNotListed,
    String currentVersion,
    String lastUpgrade,
    @JsonPropertyDescription("Snapshots whose upgrade request no longer exists: the first 50.")
        List<String> orphanedSnapshots,
    @JsonPropertyDescription("How many more such snapshots there are than orphanedSnapshots lists.")
        Integer orphanedSnapshotsNotListed,
    @JsonPropertyDescription(
            "The value of the annotation harbormaster.io/resume-automation (hm resume-automation)"
                + " the operator last acted on; the condition ImageAutomationHeld says how.")
        String resumeAutomationHandled,
    @JsonPropertyDescription(
            "The newest operation (upgrade|rollback:<namespace>/<name>) whose hold on the image"
                + " automations was released: operations that ended before it hold nothing.")
        String imageAutomationsReleasedUpTo,
    Long observedGeneration) {

  /**
   * The status of what was found, bounded: each list cut to its first items and counted, each text
   * cut.
   */
  public ManagedAppStatus(
      List<Condition> conditions,
      List<PvcItem> pvcs,
      List<WorkloadItem> workloads,
      List<String> imageAutomations,
      List<String> imageAutomationsSkipped,
      String currentVersion,
      String lastUpgrade,
      List<String> orphanedSnapshots,
      String resumeAutomationHandled,
      String imageAutomationsReleasedUpTo,
      Long observedGeneration) {
    this(
        ShownConditions.of(conditions),
        ShownLimits.first(pvcs),
        ShownLimits.notListed(pvcs),
        ShownLimits.first(workloads),
        ShownLimits.notListed(workloads),
        ShownLimits.first(imageAutomations),
        ShownLimits.notListed(imageAutomations),
        shownTexts(imageAutomationsSkipped),
        ShownLimits.notListed(imageAutomationsSkipped),
        ShownLimits.text(currentVersion),
        ShownLimits.text(lastUpgrade),
        ShownLimits.first(orphanedSnapshots),
        ShownLimits.notListed(orphanedSnapshots),
        ShownLimits.text(resumeAutomationHandled),
        ShownLimits.text(imageAutomationsReleasedUpTo),
        observedGeneration);
  }

  /** The first items, each text redacted and cut: they may quote an API server's answer. */
  private static List<String> shownTexts(List<String> texts) {
    List<String> first = ShownLimits.first(texts);
    return first == null
        ? null
        : first.stream().map(Redaction::redact).map(ShownLimits::text).toList();
  }
}
