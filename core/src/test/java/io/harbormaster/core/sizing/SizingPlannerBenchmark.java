package io.harbormaster.core.sizing;

import static io.harbormaster.core.sizing.SizingPolicy.GI;

import io.harbormaster.core.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Decisions per second of the pure planner, over 10,000 PVCs of varied usage, a ledger of recent
 * growths and a closed window (so planned growths are queued and emergencies grow): a main, not a
 * test, for docs/storage-sizing.md. Run it as that page says.
 */
public final class SizingPlannerBenchmark {
  private static final int VOLUMES = 10_000;
  private static final Duration RUN = Duration.ofSeconds(5);

  private SizingPlannerBenchmark() {}

  public static void main(String[] args) {
    SizingPolicy policy = SizingPolicy.builder().requestBytes(10 * GI).limitBytes(500 * GI).build();
    Instant now = Instant.parse("2026-11-28T12:00:00Z");
    Random random = new Random(42);
    List<VolumeState> volumes = new ArrayList<>();
    ActionLedger ledger = ActionLedger.empty();
    for (int i = 0; i < VOLUMES; i++) {
      ObjectRef pvc = ObjectRef.of("ns-" + i % 200, "data-" + i);
      long capacity = (10 + random.nextInt(200)) * GI;
      volumes.add(
          VolumeState.builder()
              .pvc(pvc)
              .uid("uid-" + pvc.name())
              .capacityBytes(capacity)
              .requestedBytes(capacity)
              .usage(
                  VolumeUsage.builder()
                      .usedBytes(capacity / 100 * random.nextInt(100))
                      .filesystemBytes(capacity / 100 * 97)
                      .measuredAt(now)
                      .build())
              .build());
      if (i % 500 == 0) {
        ledger =
            ledger.with(
                Growth.builder()
                    .pvc(pvc)
                    .pvcUid("uid-" + (pvc).name())
                    .at(now.minus(Duration.ofHours(i < 1_000 ? 1 : 30)))
                    .kind(GrowthKind.PLANNED)
                    .fromBytes(capacity - GI)
                    .toBytes(capacity)
                    .fromFilesystemBytes(capacity / 100 * 90)
                    .build());
      }
    }
    WindowState closed = new WindowState(false, Optional.of(now.plus(Duration.ofHours(15))));
    run(policy, volumes, ledger, closed, now, Duration.ofSeconds(2));
    long[] counts = run(policy, volumes, ledger, closed, now, RUN);
    System.out.printf(
        "%,d decisions (%,d of them growths) in %d s over %,d PVCs, ledger of %d growths:"
            + " %,.0f decisions/s%n",
        counts[0],
        counts[1],
        RUN.toSeconds(),
        VOLUMES,
        ledger.growths().size(),
        counts[0] / (double) RUN.toSeconds());
  }

  /** Decisions made, and how many of them were growths (which keeps them from being elided). */
  private static long[] run(
      SizingPolicy policy,
      List<VolumeState> volumes,
      ActionLedger ledger,
      WindowState window,
      Instant now,
      Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    long decisions = 0;
    long grown = 0;
    while (System.nanoTime() < deadline) {
      for (VolumeState volume : volumes) {
        if (SizingPlanner.decide(policy, volume, ledger, window, now)
            instanceof SizingDecision.Grow) {
          grown++;
        }
      }
      decisions += volumes.size();
    }
    return new long[] {decisions, grown};
  }
}
