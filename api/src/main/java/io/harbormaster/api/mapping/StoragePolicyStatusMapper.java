package io.harbormaster.api.mapping;

import io.fabric8.kubernetes.api.model.Condition;
import io.harbormaster.api.crd.StoragePolicyStatus;
import io.harbormaster.api.crd.StoragePolicyStatus.Budget;
import io.harbormaster.api.crd.StoragePolicyStatus.GrowthItem;
import io.harbormaster.api.crd.StoragePolicyStatus.VolumeItem;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.ShownLimits;
import io.harbormaster.core.sizing.ActionLedger;
import io.harbormaster.core.sizing.Bytes;
import io.harbormaster.core.sizing.Growth;
import io.harbormaster.core.sizing.GrowthKind;
import io.harbormaster.core.sizing.MaintenanceWindow;
import io.harbormaster.core.sizing.SizingDecision;
import io.harbormaster.core.sizing.SizingPass;
import io.harbormaster.core.sizing.SizingPolicy;
import io.harbormaster.core.sizing.VolumeClass;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A StoragePolicy's status to and from core: the growths it records are the budget's ledger, read
 * back on each pass (so a restarted operator counts what its predecessor spent), and each PVC's
 * verdict as a line a person reads.
 */
public final class StoragePolicyStatusMapper {
  private StoragePolicyStatusMapper() {}

  /**
   * The ledger a previous status of a policy in {@code namespace} recorded; none before the first
   * pass.
   */
  public static ActionLedger ledger(StoragePolicyStatus status, String namespace) {
    if (status == null || status.growths() == null) {
      return ActionLedger.empty();
    }
    return ActionLedger.builder()
        .addAllGrowths(status.growths().stream().map(item -> growth(item, namespace)).toList())
        .build();
  }

  /**
   * The status of a pass at {@code at}: its verdicts, the ledger {@code ledger} (the growths it
   * made), the budget left and how the window was read.
   */
  public static StoragePolicyStatus status(
      List<Condition> conditions,
      SizingPolicy policy,
      Optional<MaintenanceWindow> window,
      SizingPass pass,
      ActionLedger ledger,
      Instant at,
      Long generation) {
    return new StoragePolicyStatus(
        conditions,
        pass.verdicts().size(),
        volumes(pass, ledger),
        growths(ledger),
        budget(policy, ledger, at),
        window.map(MaintenanceWindow::describe).orElse("always open"),
        generation);
  }

  /** PVC name to the name of the decision a status recorded, as core's announcements compare. */
  public static Map<String, String> decisions(StoragePolicyStatus status) {
    return Optional.ofNullable(status == null ? null : status.volumes()).orElse(List.of()).stream()
        .filter(item -> item.decision() != null)
        .collect(Collectors.toMap(VolumeItem::name, VolumeItem::decision, (one, other) -> one));
  }

  public static List<GrowthItem> growths(ActionLedger ledger) {
    return ledger.growths().stream()
        .map(
            growth ->
                new GrowthItem(
                    growth.pvc().name(),
                    growth.pvcUid(),
                    growth.at().toString(),
                    kind(growth.kind()),
                    growth.fromBytes(),
                    growth.toBytes(),
                    growth.fromFilesystemBytes()))
        .toList();
  }

  /** The verdicts as the status lists them: the fullest first, bounded. */
  static List<VolumeItem> volumes(SizingPass pass, ActionLedger ledger) {
    return ShownLimits.first(
        pass.verdicts().stream().map(verdict -> volume(verdict, ledger)).toList());
  }

  static Budget budget(SizingPolicy policy, ActionLedger ledger, Instant now) {
    return new Budget(
        (int) ledger.spentSince(now),
        (int) ledger.left(policy, GrowthKind.EMERGENCY, now),
        (int) ledger.left(policy, GrowthKind.PLANNED, now));
  }

  private static VolumeItem volume(SizingPass.Verdict verdict, ActionLedger ledger) {
    long capacity = verdict.volume().capacityBytes();
    Optional<Long> used = verdict.volume().usage().map(usage -> usage.usedBytes());
    SizingDecision decision = verdict.decision();
    Optional<Long> nextSize =
        decision instanceof SizingDecision.Grow grow
            ? Optional.of(grow.toBytes())
            : decision instanceof SizingDecision.Queued queued
                ? Optional.of(queued.toBytes())
                : Optional.empty();
    Optional<Instant> nextAt =
        decision instanceof SizingDecision.Queued queued ? queued.until() : Optional.empty();
    return new VolumeItem(
        verdict.volume().pvc().name(),
        Bytes.show(capacity),
        used.map(Bytes::show).orElse(null),
        used.filter(bytes -> capacity > 0)
            .map(bytes -> (int) (bytes * 100 / capacity))
            .orElse(null),
        state(verdict.classification().kind()),
        decision.getClass().getSimpleName(),
        ShownLimits.text(decision.why()),
        nextSize.map(Bytes::show).orElse(null),
        nextAt.map(Instant::toString).orElse(null),
        ledger
            .lastOf(verdict.volume().pvc())
            .filter(growth -> growth.pvcUid().equals(verdict.volume().uid()))
            .map(
                growth ->
                    growth.at()
                        + ": "
                        + Bytes.show(growth.fromBytes())
                        + " to "
                        + Bytes.show(growth.toBytes()))
            .orElse(null));
  }

  private static Growth growth(GrowthItem item, String namespace) {
    return Growth.builder()
        .pvc(ObjectRef.of(namespace, item.pvc()))
        .pvcUid(item.pvcUid())
        .at(Instant.parse(item.at()))
        .kind(GrowthKind.ofShown(item.kind()))
        .fromBytes(item.fromBytes())
        .toBytes(item.toBytes())
        .fromFilesystemBytes(item.fromFilesystemBytes())
        .build();
  }

  private static String kind(GrowthKind kind) {
    return kind.shown();
  }

  /** DANGLING_RESIZE as DanglingResize. */
  private static String state(VolumeClass kind) {
    StringBuilder name = new StringBuilder();
    for (String word : kind.name().split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return name.toString();
  }
}
