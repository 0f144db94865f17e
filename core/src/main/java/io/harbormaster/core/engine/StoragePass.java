package io.harbormaster.core.engine;

import io.harbormaster.core.port.EventRecorder;
import io.harbormaster.core.port.VolumeResizer;
import io.harbormaster.core.sizing.ActionLedger;
import io.harbormaster.core.sizing.Bytes;
import io.harbormaster.core.sizing.Growth;
import io.harbormaster.core.sizing.MaintenanceWindow;
import io.harbormaster.core.sizing.SizingDecision;
import io.harbormaster.core.sizing.SizingPass;
import io.harbormaster.core.sizing.SizingPolicy;
import io.harbormaster.core.sizing.VolumeFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A storage policy's pass through the ports: decide over the volumes read ({@link #plan}), then
 * grow those due ({@link #apply}), and say what deserves an Event ({@link #announcements}).
 */
public final class StoragePass {
  private StoragePass() {}

  /** What {@link #apply} did: the ledger of the growths made, and those refused with why. */
  public record Applied(ActionLedger ledger, List<Growth> made, Map<Growth, String> refused) {}

  /** An Event to record on the policy. */
  public record Announcement(EventRecorder.Type type, String reason, String message) {}

  /** The decisions of one pass at {@code now}, changing nothing. */
  public static SizingPass plan(
      SizingPolicy policy,
      Optional<MaintenanceWindow> window,
      List<VolumeFacts> volumes,
      ActionLedger ledger,
      Instant now,
      Optional<String> paused) {
    return SizingPass.run(policy, volumes, ledger, MaintenanceWindow.at(window, now), now, paused);
  }

  /**
   * Grows what {@code pass} decided. The ledger with those growths is recorded first ({@code
   * recordFirst}, the policy's status), so an operator that stops before a growth counts it at most
   * once too often, never too seldom; a growth the cluster refuses is taken out again.
   */
  public static Applied apply(
      SizingPass pass, Consumer<ActionLedger> recordFirst, VolumeResizer resizer) {
    List<Growth> growths = pass.growths();
    if (growths.isEmpty()) {
      return new Applied(pass.ledger(), List.of(), Map.of());
    }
    recordFirst.accept(pass.ledger());
    List<Growth> made = new ArrayList<>();
    Map<Growth, String> refused = new java.util.LinkedHashMap<>();
    for (Growth growth : growths) {
      try {
        resizer.grow(growth.pvc(), growth.toBytes());
        made.add(growth);
      } catch (RuntimeException refusal) {
        refused.put(growth, String.valueOf(refusal.getMessage()));
      }
    }
    ActionLedger ledger =
        ActionLedger.builder()
            .addAllGrowths(
                pass.ledger().growths().stream()
                    .filter(growth -> !refused.containsKey(growth))
                    .toList())
            .build();
    return new Applied(ledger, List.copyOf(made), Map.copyOf(refused));
  }

  /**
   * The Events of a pass: each growth made or refused, and each PVC whose growth is newly queued or
   * refused (at the limit, unable to grow) since the decisions of the pass before ({@code
   * previousDecisions}, PVC name to the decision's name), once per change rather than every pass.
   */
  public static List<Announcement> announcements(
      SizingPass pass, Applied applied, Map<String, String> previousDecisions) {
    List<Announcement> announcements = new ArrayList<>();
    for (Growth growth : applied.made()) {
      announcements.add(
          new Announcement(
              EventRecorder.Type.NORMAL,
              switch (growth.kind()) {
                case PLANNED -> "Growth";
                case EMERGENCY -> "EmergencyGrowth";
                case PEERS -> "PeerGrowth";
              },
              "growing " + describe(growth)));
    }
    applied
        .refused()
        .forEach(
            (growth, why) ->
                announcements.add(
                    new Announcement(
                        EventRecorder.Type.WARNING,
                        "GrowthFailed",
                        "could not grow " + describe(growth) + ": " + why)));
    for (SizingPass.Verdict verdict : pass.verdicts()) {
      String name = verdict.volume().pvc().name();
      SizingDecision decision = verdict.decision();
      if (decision.getClass().getSimpleName().equals(previousDecisions.get(name))) {
        continue;
      }
      String message = name + ": " + decision.why();
      if (decision instanceof SizingDecision.Queued) {
        announcements.add(new Announcement(EventRecorder.Type.NORMAL, "GrowthQueued", message));
      } else if (decision instanceof SizingDecision.AtLimit) {
        announcements.add(new Announcement(EventRecorder.Type.WARNING, "AtLimit", message));
      } else if (decision instanceof SizingDecision.NotGrowable) {
        announcements.add(new Announcement(EventRecorder.Type.WARNING, "CannotGrow", message));
      }
    }
    return List.copyOf(announcements);
  }

  private static String describe(Growth growth) {
    return growth.pvc().name()
        + " from "
        + Bytes.show(growth.fromBytes())
        + " to "
        + Bytes.show(growth.toBytes());
  }
}
