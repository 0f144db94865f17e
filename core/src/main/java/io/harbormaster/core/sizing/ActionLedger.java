package io.harbormaster.core.sizing;

import io.harbormaster.core.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The growths of one policy's PVCs, kept in its status so that an operator restart neither resets
 * nor double-counts the budget: a rolling 24-hour count, not a counter reset at midnight.
 */
@Value.Immutable
public abstract class ActionLedger {
  public static final Duration DAY = Duration.ofHours(24);

  public abstract List<Growth> growths();

  public static ImmutableActionLedger.Builder builder() {
    return ImmutableActionLedger.builder();
  }

  public static ActionLedger empty() {
    return builder().build();
  }

  /** The growths of the 24 hours before {@code now}. */
  public long spentSince(Instant now) {
    Instant since = now.minus(DAY);
    return growths().stream().filter(growth -> growth.at().isAfter(since)).count();
  }

  /**
   * How many more growths of {@code kind} the budget allows now: a planned one may not touch the
   * part reserved for emergencies (and growths to the peers' size).
   */
  public long left(SizingPolicy policy, GrowthKind kind, Instant now) {
    long spent = spentSince(now);
    long cap =
        kind.urgent()
            ? policy.maxActionsPerDay()
            : policy.maxActionsPerDay() - policy.reservedForEmergency();
    return Math.max(0, cap - spent);
  }

  /**
   * When a growth of {@code kind} is allowed again: once enough of the growths counted now have
   * left the 24 hours (emergencies may have used the reserve, so it may take more than the oldest).
   */
  public Optional<Instant> nextFreedAt(SizingPolicy policy, GrowthKind kind, Instant now) {
    Instant since = now.minus(DAY);
    List<Instant> counted =
        growths().stream()
            .map(Growth::at)
            .filter(at -> at.isAfter(since))
            .sorted(Comparator.naturalOrder())
            .toList();
    long cap =
        kind.urgent()
            ? policy.maxActionsPerDay()
            : policy.maxActionsPerDay() - policy.reservedForEmergency();
    int leaving = (int) (counted.size() - cap);
    return leaving < 0 || counted.isEmpty()
        ? Optional.empty()
        : Optional.of(counted.get(Math.min(leaving, counted.size() - 1)).plus(DAY));
  }

  /** The newest growth of {@code pvc}, if it grew. */
  public Optional<Growth> lastOf(ObjectRef pvc) {
    return Optional.ofNullable(newest().get(pvc));
  }

  /** Each PVC's newest growth: the planner asks for it in every decision. */
  @Value.Lazy
  Map<ObjectRef, Growth> newest() {
    Map<ObjectRef, Growth> newest = new HashMap<>();
    for (Growth growth : growths()) {
      newest.merge(
          growth.pvc(), growth, (kept, other) -> other.at().isAfter(kept.at()) ? other : kept);
    }
    return newest;
  }

  /**
   * This ledger with {@code growth} added, and without what the next 24 hours no longer count,
   * except each PVC's newest growth (it says whether that PVC's resize has shown yet).
   */
  public ActionLedger with(Growth growth) {
    Instant since = growth.at().minus(DAY);
    ActionLedger all = builder().from(this).addGrowth(growth).build();
    return builder()
        .addAllGrowths(
            all.growths().stream()
                .filter(
                    old ->
                        old.at().isAfter(since) || all.lastOf(old.pvc()).orElseThrow().equals(old))
                .toList())
        .build();
  }
}
