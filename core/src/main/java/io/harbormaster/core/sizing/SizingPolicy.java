package io.harbormaster.core.sizing;

import io.harbormaster.core.model.InvalidSpecException;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * How a StoragePolicy sizes its PVCs: they start at {@link #requestBytes()} and grow by multiples
 * of {@link #stepBytes()} up to {@link #limitBytes()}, keeping {@link #targetBufferPercent()} of
 * each free; past {@link #criticalThresholdPercent()} used, or under {@link
 * #criticalMinimumFreeBytes()} free, they grow at once. At most {@link #maxActionsPerDay()} growths
 * in any 24 hours, {@link #reservedForEmergency()} of them kept for emergencies, and one PVC grows
 * at most once per {@link #minimumInterval()}.
 */
@Value.Immutable
public abstract class SizingPolicy {
  public static final long GI = 1024L * 1024 * 1024;

  /** 8Pi: far above any volume, and low enough that no size arithmetic can overflow. */
  public static final long MAX_BYTES = 8L * 1024 * 1024 * GI;

  public abstract long requestBytes();

  public abstract long limitBytes();

  @Value.Default
  public int targetBufferPercent() {
    return 20;
  }

  @Value.Default
  public int criticalThresholdPercent() {
    return 95;
  }

  @Value.Default
  public long criticalMinimumFreeBytes() {
    return GI;
  }

  @Value.Default
  public long stepBytes() {
    return GI;
  }

  @Value.Default
  public int maxActionsPerDay() {
    return 4;
  }

  @Value.Default
  public int reservedForEmergency() {
    return 1;
  }

  /** Cloud disks refuse a second modification of one volume for hours (EBS: 6). */
  @Value.Default
  public Duration minimumInterval() {
    return Duration.ofHours(6);
  }

  public static ImmutableSizingPolicy.Builder builder() {
    return ImmutableSizingPolicy.builder();
  }

  @Value.Check
  protected void check() {
    InvalidSpecException.require(requestBytes() > 0, "spec.request", "must be more than 0");
    InvalidSpecException.require(limitBytes() <= MAX_BYTES, "spec.limit", "must be at most 8Pi");
    InvalidSpecException.require(
        limitBytes() >= requestBytes(),
        "spec.limit",
        "(" + limitBytes() + " bytes) is less than spec.request (" + requestBytes() + " bytes)");
    InvalidSpecException.require(
        targetBufferPercent() >= 1 && targetBufferPercent() <= 90,
        "spec.targetBuffer",
        targetBufferPercent() + " must be a percentage from 1 to 90");
    InvalidSpecException.require(
        criticalThresholdPercent() > 100 - targetBufferPercent()
            && criticalThresholdPercent() <= 100,
        "spec.criticalThreshold",
        criticalThresholdPercent()
            + " must be above the buffer line ("
            + (100 - targetBufferPercent())
            + " % used, from spec.targetBuffer "
            + targetBufferPercent()
            + ") and at most 100");
    InvalidSpecException.require(
        criticalMinimumFreeBytes() >= 0 && criticalMinimumFreeBytes() <= limitBytes(),
        "spec.criticalMinimumFree",
        "must be from 0 to spec.limit");
    InvalidSpecException.require(
        stepBytes() > 0 && stepBytes() <= limitBytes(),
        "spec.step",
        "must be more than 0 and at most spec.limit");
    InvalidSpecException.require(
        maxActionsPerDay() >= 1, "spec.maxActionsPerDay", "must be at least 1");
    InvalidSpecException.require(
        reservedForEmergency() >= 0 && reservedForEmergency() <= maxActionsPerDay(),
        "spec.reservedForEmergency",
        reservedForEmergency()
            + " must be from 0 to spec.maxActionsPerDay ("
            + maxActionsPerDay()
            + ")");
    InvalidSpecException.require(
        !minimumInterval().isNegative(), "spec.minimumInterval", "must not be negative");
  }
}
