package io.harbormaster.api.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;

/**
 * What a StoragePolicy declares. Its PVCs are those of its own namespace that {@code selector}
 * matches, or those of the ManagedApp {@code managedApp} of its namespace: a policy never reaches
 * into another namespace. The rules between fields (limit at least request, the critical threshold
 * above the buffer line, the cron schedule) are checked by the operator and reported in the
 * condition Ready; what a schema can say, it says.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoragePolicySpec(
    @JsonPropertyDescription("The PVCs of the policy's namespace this label selector matches.")
        LabelSelector selector,
    @JsonPropertyDescription(
            "A ManagedApp of the policy's namespace: the PVCs its discovery finds (status.pvcs).")
        @Pattern(Names.OBJECT_NAME)
        String managedApp,
    @JsonPropertyDescription("The size a PVC starts at, e.g. 10Gi.")
        @Required
        @Pattern(Names.QUANTITY)
        String request,
    @JsonPropertyDescription("No PVC grows past it; at least request.")
        @Required
        @Pattern(Names.QUANTITY)
        String limit,
    @JsonPropertyDescription("The percentage of each PVC to keep free, 1 to 90.")
        @Min(1)
        @Max(90)
        @Default("20")
        Integer targetBuffer,
    @JsonPropertyDescription(
            "Past this percentage used a PVC grows at once, outside the maintenance window; above"
                + " the buffer line (100 - targetBuffer) and at most 100.")
        @Min(2)
        @Max(100)
        @Default("95")
        Integer criticalThreshold,
    @JsonPropertyDescription("Under this much free space a PVC grows at once, e.g. 1Gi.")
        @Pattern(Names.QUANTITY)
        @Default("1Gi")
        String criticalMinimumFree,
    @JsonPropertyDescription("PVCs grow by multiples of it.")
        @Pattern(Names.QUANTITY)
        @Default("1Gi")
        String step,
    @JsonPropertyDescription("When planned growths happen; unset, at any time.")
        MaintenanceWindow maintenanceWindow,
    @JsonPropertyDescription("Growths in any 24 hours, over all the policy's PVCs.")
        @Min(1)
        @Default("4")
        Integer maxActionsPerDay,
    @JsonPropertyDescription("Of maxActionsPerDay, how many only emergency growths may use.")
        @Min(0)
        @Default("1")
        Integer reservedForEmergency,
    @JsonPropertyDescription(
            "The least time between two growths of one PVC, e.g. 6h: cloud disks refuse a second"
                + " modification for hours.")
        @Pattern(Names.DURATION)
        @Default("6h")
        String minimumInterval) {

  /**
   * When planned growths may happen: from each time {@code schedule} names, for {@code duration}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MaintenanceWindow(
      @JsonPropertyDescription(
              "A cron schedule in UTC: five fields (minute hour day-of-month month day-of-week) or"
                  + " six with seconds first, e.g. '0 0 3 * * *'.")
          @Required
          @Pattern(Names.NOT_BLANK)
          String schedule,
      @JsonPropertyDescription("How long the window stays open, e.g. 2h.")
          @Required
          @Pattern(Names.DURATION)
          String duration) {}
}
