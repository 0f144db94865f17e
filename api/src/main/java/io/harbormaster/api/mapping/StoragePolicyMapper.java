package io.harbormaster.api.mapping;

import io.fabric8.kubernetes.api.model.Quantity;
import io.harbormaster.api.crd.StoragePolicySpec;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.sizing.CronSchedule;
import io.harbormaster.core.sizing.ImmutableSizingPolicy;
import io.harbormaster.core.sizing.MaintenanceWindow;
import io.harbormaster.core.sizing.SizingPolicy;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A StoragePolicy's spec as core's {@link SizingPolicy} and {@link MaintenanceWindow}. The schema
 * already refused what it can say (a quantity's shape, a percentage's range); the rules between
 * fields are core's, and every refusal names its field.
 */
public final class StoragePolicyMapper {
  private StoragePolicyMapper() {}

  /**
   * @throws InvalidSpecException naming the field that is missing or wrong
   */
  public static SizingPolicy toCore(StoragePolicySpec spec) {
    if (spec == null) {
      throw new InvalidSpecException("spec", "is missing");
    }
    if ((spec.selector() == null) == (spec.managedApp() == null)) {
      throw new InvalidSpecException(
          "spec.selector", "give either spec.selector or spec.managedApp, not both or neither");
    }
    ImmutableSizingPolicy.Builder policy =
        SizingPolicy.builder()
            .requestBytes(bytes("spec.request", spec.request()))
            .limitBytes(bytes("spec.limit", spec.limit()));
    Optional.ofNullable(spec.targetBuffer()).ifPresent(policy::targetBufferPercent);
    Optional.ofNullable(spec.criticalThreshold()).ifPresent(policy::criticalThresholdPercent);
    Optional.ofNullable(spec.criticalMinimumFree())
        .ifPresent(
            free -> policy.criticalMinimumFreeBytes(bytes("spec.criticalMinimumFree", free)));
    Optional.ofNullable(spec.step()).ifPresent(step -> policy.stepBytes(bytes("spec.step", step)));
    Optional.ofNullable(spec.maxActionsPerDay()).ifPresent(policy::maxActionsPerDay);
    Optional.ofNullable(spec.reservedForEmergency()).ifPresent(policy::reservedForEmergency);
    Optional.ofNullable(spec.minimumInterval())
        .ifPresent(
            interval -> policy.minimumInterval(GoDuration.parse("spec.minimumInterval", interval)));
    return policy.build();
  }

  /**
   * The maintenance window, if the spec declares one.
   *
   * @throws InvalidSpecException naming the field that is missing or wrong
   */
  public static Optional<MaintenanceWindow> window(StoragePolicySpec spec) {
    StoragePolicySpec.MaintenanceWindow window = spec.maintenanceWindow();
    if (window == null) {
      return Optional.empty();
    }
    return Optional.of(
        new MaintenanceWindow(
            CronSchedule.parse(window.schedule()),
            GoDuration.parse("spec.maintenanceWindow.duration", window.duration())));
  }

  /** The bytes of a quantity such as 10Gi, refused with the field's name when it is none. */
  static long bytes(String field, String quantity) {
    BigDecimal amount;
    try {
      amount = Quantity.getAmountInBytes(Quantity.parse(quantity));
    } catch (RuntimeException notAQuantity) {
      throw new InvalidSpecException(
          field, "'" + quantity + "' is not a size: write it like 10Gi, 500Mi or 1Ti");
    }
    if (amount.signum() < 0 || amount.compareTo(BigDecimal.valueOf(SizingPolicy.MAX_BYTES)) > 0) {
      throw new InvalidSpecException(field, "'" + quantity + "' must be from 0 to 8Pi");
    }
    return amount.longValue();
  }
}
