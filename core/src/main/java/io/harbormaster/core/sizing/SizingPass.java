package io.harbormaster.core.sizing;

import io.harbormaster.core.model.ObjectRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One pass of a policy over its PVCs: each PVC's classification and decision, and the ledger with
 * the growths decided. The fullest PVCs are judged first, so when the budget runs short it goes to
 * those closest to filling; each growth decided counts against the budget of the PVCs after it.
 */
public record SizingPass(List<Verdict> verdicts, ActionLedger ledger) {

  /** What the pass found of one PVC and what it decided. */
  public record Verdict(
      VolumeFacts volume,
      VolumeClassifier.Classification classification,
      SizingDecision decision) {}

  /**
   * Judges {@code volumes}. While {@code paused} says why (an upgrade or a rollback of their app is
   * running, with snapshots or restores of these volumes), a growth due is only recorded as queued.
   */
  public static SizingPass run(
      SizingPolicy policy,
      List<VolumeFacts> volumes,
      ActionLedger ledger,
      WindowState window,
      Instant now,
      Optional<String> paused) {
    List<VolumeFacts> fullestFirst =
        volumes.stream()
            .sorted(
                Comparator.comparingDouble(SizingPass::freeFraction)
                    .thenComparing(VolumeFacts::pvc, Comparator.<ObjectRef>naturalOrder()))
            .toList();
    Map<String, Long> peerSizes =
        volumes.stream()
            .filter(volume -> volume.peerGroup().isPresent())
            .collect(
                Collectors.toMap(
                    volume -> volume.peerGroup().get(),
                    volume -> Math.max(volume.capacityBytes(), volume.requestedBytes()),
                    Math::max));
    List<Verdict> verdicts = new ArrayList<>();
    ActionLedger spent = ledger;
    for (VolumeFacts volume : fullestFirst) {
      VolumeClassifier.Classification classification = VolumeClassifier.classify(volume);
      SizingDecision decision =
          SizingPlanner.decide(
              policy,
              volume.state(classification, volume.peerGroup().map(peerSizes::get)),
              spent,
              window,
              now);
      if (decision instanceof SizingDecision.Grow grow) {
        if (paused.isPresent()) {
          decision =
              new SizingDecision.Queued(
                  grow.toBytes(), grow.kind(), Optional.empty(), grow.why() + "; " + paused.get());
        } else {
          spent = spent.with(growth(volume, grow, now));
        }
      }
      verdicts.add(new Verdict(volume, classification, decision));
    }
    return new SizingPass(List.copyOf(verdicts), spent);
  }

  /** The PVCs judged, fullest first. */
  public List<VolumeFacts> volumes() {
    return verdicts.stream().map(Verdict::volume).toList();
  }

  /** For a status: how many PVCs and how many grow now. */
  public String summary() {
    return verdicts.size() + " PVCs, " + growths().size() + " growing now";
  }

  /** The growths this pass decided. */
  public List<Growth> growths() {
    return verdicts.stream()
        .filter(verdict -> verdict.decision() instanceof SizingDecision.Grow)
        .map(verdict -> ledger.lastOf(verdict.volume().pvc()).orElseThrow())
        .toList();
  }

  private static Growth growth(VolumeFacts volume, SizingDecision.Grow grow, Instant now) {
    return Growth.builder()
        .pvc(volume.pvc())
        .pvcUid(volume.uid())
        .at(now)
        .kind(grow.kind())
        .fromBytes(volume.capacityBytes())
        .toBytes(grow.toBytes())
        .fromFilesystemBytes(volume.usage().map(VolumeUsage::filesystemBytes).orElse(0L))
        .build();
  }

  /** Free part of the capacity; a PVC of unknown usage or no capacity sorts last. */
  private static double freeFraction(VolumeFacts volume) {
    if (volume.usage().isEmpty() || volume.capacityBytes() <= 0) {
      return Double.MAX_VALUE;
    }
    long free = Math.max(0, volume.capacityBytes() - volume.usage().get().usedBytes());
    return (double) free / volume.capacityBytes();
  }
}
