package io.harbormaster.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * The app as Harbormaster last saw it: Ready from the live health check, what discovery found, the
 * version in git, the newest upgrade, and snapshots whose upgrade request no longer exists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagedAppStatus(
    List<Condition> conditions,
    List<PvcItem> pvcs,
    List<WorkloadItem> workloads,
    String currentVersion,
    String lastUpgrade,
    List<String> orphanedSnapshots,
    Long observedGeneration) {}
