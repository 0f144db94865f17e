package io.harbormaster.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** The app as Harbormaster last saw it: Ready from the live health check, and what discovery found. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagedAppStatus(
    List<Condition> conditions,
    List<PvcItem> pvcs,
    List<WorkloadItem> workloads,
    String currentVersion,
    String lastUpgrade,
    Long observedGeneration) {}
