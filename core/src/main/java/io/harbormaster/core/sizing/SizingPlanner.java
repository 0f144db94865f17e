package io.harbormaster.core.sizing;

import io.harbormaster.core.model.ShownDuration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether one PVC grows now, and to what size. Usage is measured against the PVC's {@code
 * status.capacity}. Below {@code targetBuffer} free, the size becomes the smallest multiple of
 * {@code step} above the capacity that restores the buffer, capped at the limit; past the critical
 * threshold or under the critical minimum free it also keeps that minimum free, and grows at once
 * against the whole budget, where a planned growth waits for the maintenance window and leaves the
 * reserved part alone. After a growth, the PVC is judged again only once its filesystem has grown.
 * Same inputs, same decision: no clock is read, no state kept.
 */
public final class SizingPlanner {
  private SizingPlanner() {}

  public static SizingDecision decide(
      SizingPolicy policy,
      VolumeState volume,
      ActionLedger ledger,
      WindowState window,
      Instant now) {
    if (volume.notGrowable().isPresent()) {
      return new SizingDecision.NotGrowable(volume.notGrowable().get());
    }
    if (volume.requestedBytes() > volume.capacityBytes()) {
      return new SizingDecision.Waiting(
          "a resize to " + Bytes.show(volume.requestedBytes()) + " is under way");
    }
    Optional<SizingDecision> toPeers = toPeers(policy, volume, ledger, now);
    if (toPeers.isPresent()) {
      return toPeers.get();
    }
    if (volume.usage().isEmpty()) {
      return new SizingDecision.UsageUnknown(
          "usage unknown: " + volume.usageUnknownBecause().orElse("no measurement yet"));
    }
    VolumeUsage usage = volume.usage().get();
    Optional<Growth> last =
        ledger.lastOf(volume.pvc()).filter(growth -> growth.pvcUid().equals(volume.uid()));
    if (last.isPresent() && usage.filesystemBytes() <= last.get().fromFilesystemBytes()) {
      return new SizingDecision.Waiting(
          "its filesystem has not shown the growth to "
              + Bytes.show(last.get().toBytes())
              + " yet: judged again once usage is measured on the new capacity");
    }
    long capacity = volume.capacityBytes();
    long used = usage.usedBytes();
    long free = Math.max(0, capacity - used);
    boolean critical =
        used * 100 >= (long) policy.criticalThresholdPercent() * capacity
            || free < policy.criticalMinimumFreeBytes();
    boolean low = free * 100 < (long) policy.targetBufferPercent() * capacity;
    String usedText = Bytes.show(used) + " of " + Bytes.show(capacity) + " used";
    // A PVC made smaller than the policy's request starts where the policy says PVCs start; one
    // made again under the name of a PVC the policy had grown (a restore from an older snapshot)
    // grows back to that size.
    long floor =
        Math.max(
            policy.requestBytes(),
            ledger
                .lastOf(volume.pvc())
                .filter(growth -> !growth.pvcUid().equals(volume.uid()))
                .map(Growth::toBytes)
                .orElse(0L));
    boolean belowFloor = capacity < floor;
    if (!critical && !low && !belowFloor) {
      return new SizingDecision.Steady(usedText);
    }
    if (capacity >= policy.limitBytes()) {
      return new SizingDecision.AtLimit(
          usedText + ", at the limit " + Bytes.show(policy.limitBytes()));
    }
    GrowthKind kind = critical ? GrowthKind.EMERGENCY : GrowthKind.PLANNED;
    long target =
        Math.min(
            policy.limitBytes(),
            Math.max(
                belowFloor ? floor : capacity,
                critical || low ? target(policy, capacity, used, critical) : capacity));
    String why =
        usedText
            + (critical
                ? ", past the critical line: grows at once"
                : low
                    ? ", under the " + policy.targetBufferPercent() + " % buffer"
                    : floor > policy.requestBytes()
                        ? ", made again smaller than the "
                            + Bytes.show(floor)
                            + " the policy had grown it to"
                        : ", below the policy's request " + Bytes.show(policy.requestBytes()));
    Optional<SizingDecision> held =
        held(policy, volume, ledger, window, now, last, kind, target, why);
    return held.orElseGet(() -> new SizingDecision.Grow(target, kind, why));
  }

  /**
   * A StatefulSet's new replica starts at the size its peers grew to: its PVC, made from the
   * template's size, grows to theirs at once, whatever its usage (it has none to speak of yet),
   * within the limit and the budget.
   */
  private static Optional<SizingDecision> toPeers(
      SizingPolicy policy, VolumeState volume, ActionLedger ledger, Instant now) {
    long capacity = volume.capacityBytes();
    long target = Math.min(policy.limitBytes(), volume.peerBytes().orElse(0L));
    if (target <= capacity) {
      return Optional.empty();
    }
    String why =
        "its StatefulSet's other PVCs have grown to "
            + Bytes.show(target)
            + ": a new replica starts at their size";
    Optional<Growth> last =
        ledger.lastOf(volume.pvc()).filter(growth -> growth.pvcUid().equals(volume.uid()));
    return held(
            policy,
            volume,
            ledger,
            WindowState.alwaysOpen(),
            now,
            last,
            GrowthKind.PEERS,
            target,
            why)
        .or(() -> Optional.of(new SizingDecision.Grow(target, GrowthKind.PEERS, why)));
  }

  /** The reasons a growth due waits: the minimum interval, the budget, the window. */
  private static Optional<SizingDecision> held(
      SizingPolicy policy,
      VolumeState volume,
      ActionLedger ledger,
      WindowState window,
      Instant now,
      Optional<Growth> last,
      GrowthKind kind,
      long target,
      String why) {
    if (last.isPresent() && last.get().at().plus(policy.minimumInterval()).isAfter(now)) {
      Instant until = last.get().at().plus(policy.minimumInterval());
      return Optional.of(
          new SizingDecision.Queued(
              target,
              kind,
              Optional.of(until),
              why
                  + "; its last resize was less than "
                  + ShownDuration.of(policy.minimumInterval())
                  + " ago"));
    }
    if (ledger.left(policy, kind, now) == 0) {
      return Optional.of(
          new SizingDecision.Queued(
              target,
              kind,
              ledger.nextFreedAt(policy, kind, now),
              why
                  + "; the budget is spent: "
                  + ledger.spentSince(now)
                  + " of "
                  + policy.maxActionsPerDay()
                  + " growths in the last 24 h"
                  + (kind == GrowthKind.PLANNED
                      ? " (" + policy.reservedForEmergency() + " kept for emergencies)"
                      : "")));
    }
    if (kind == GrowthKind.PLANNED && !window.open()) {
      return Optional.of(
          new SizingDecision.Queued(
              target, kind, window.nextOpening(), why + "; waits for the maintenance window"));
    }
    return Optional.empty();
  }

  /**
   * The smallest capacity plus a multiple of the step (at least one) that keeps the buffer free
   * and, when critical, the critical minimum too.
   */
  static long target(SizingPolicy policy, long capacity, long used, boolean critical) {
    long buffered = ceilDiv(used * 100, 100 - policy.targetBufferPercent());
    long needed =
        critical ? Math.max(buffered, used + policy.criticalMinimumFreeBytes()) : buffered;
    long steps = Math.max(1, ceilDiv(needed - capacity, policy.stepBytes()));
    return capacity + steps * policy.stepBytes();
  }

  private static long ceilDiv(long dividend, long divisor) {
    return dividend <= 0 ? 0 : (dividend + divisor - 1) / divisor;
  }
}
