package io.harbormaster.api.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What the operator last found and did: each PVC's state and next action, the growths of the last
 * 24 hours (the budget counts them, so an operator restart neither resets nor double-counts it),
 * and the maintenance window as it read it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoragePolicyStatus(
    @JsonPropertyDescription("Ready: the policy is valid and its last pass ran.")
        List<Condition> conditions,
    @JsonPropertyDescription("How many PVCs the policy selects.") Integer volumeCount,
    @JsonPropertyDescription("The PVCs, fullest first: the first 50.") List<VolumeItem> volumes,
    @JsonPropertyDescription(
            "The growths that count against the budget (the last 24 hours) and each PVC's newest,"
                + " oldest first.")
        List<GrowthItem> growths,
    Budget budget,
    @JsonPropertyDescription(
            "How the operator read spec.maintenanceWindow.schedule, e.g. '6 fields (seconds"
                + " first)', and when the window next opens.")
        String window,
    Long observedGeneration) {

  /** Before the first pass. */
  public static final StoragePolicyStatus NONE =
      new StoragePolicyStatus(null, null, null, null, null, null, null);

  /** This status recording {@code growths} as the budget's ledger. */
  public StoragePolicyStatus withGrowths(List<GrowthItem> growths) {
    return new StoragePolicyStatus(
        conditions, volumeCount, volumes, growths, budget, window, observedGeneration);
  }

  /** This status, what it found kept, under {@code conditions} of {@code generation}. */
  public StoragePolicyStatus withConditions(List<Condition> conditions, Long generation) {
    return new StoragePolicyStatus(
        conditions, volumeCount, volumes, growths, budget, window, generation);
  }

  /** One PVC as the last pass saw it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VolumeItem(
      String name,
      @JsonPropertyDescription("status.capacity of the PVC.") String capacity,
      String used,
      Integer usedPercent,
      @JsonPropertyDescription(
              "Healthy, Resizing, DanglingResize, Unusable, Initializing or UsageUnknown.")
          String state,
      @JsonPropertyDescription(
              "What the pass decided: Grow, Queued, AtLimit, Steady, Waiting, UsageUnknown or"
                  + " NotGrowable.")
          String decision,
      @JsonPropertyDescription("Why, in words.") String message,
      @JsonPropertyDescription("The size a growth due asks for.") String nextSize,
      @JsonPropertyDescription("When a queued growth may happen, if known.") String nextAt,
      @JsonPropertyDescription("Its newest growth: when, from and to.") String lastGrowth) {}

  /** One growth the budget counts. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GrowthItem(
      String pvc,
      String pvcUid,
      String at,
      @JsonPropertyDescription(
              "Planned, Emergency or Peers (a StatefulSet replica grown to its peers' size).")
          String kind,
      Long fromBytes,
      Long toBytes,
      @JsonPropertyDescription(
              "The filesystem's size before: the growth has shown once the kubelet reports more.")
          Long fromFilesystemBytes) {}

  /** The rolling 24-hour budget of growths. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Budget(
      @JsonPropertyDescription("Growths in the last 24 hours.") Integer spent,
      @JsonPropertyDescription("Growths still allowed now, emergencies included.") Integer left,
      @JsonPropertyDescription("Of those, how many planned growths may use.")
          Integer leftForPlanned) {}
}
