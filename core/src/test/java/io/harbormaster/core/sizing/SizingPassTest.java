package io.harbormaster.core.sizing;

import static io.harbormaster.core.sizing.SizingPolicy.GI;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SizingPassTest {
  private static final Instant NOW = Instant.parse("2026-11-28T03:30:00Z");

  /** Two growths a day, none reserved: the third PVC in need waits. */
  private final SizingPolicy policy =
      SizingPolicy.builder()
          .requestBytes(10 * GI)
          .limitBytes(40 * GI)
          .maxActionsPerDay(2)
          .reservedForEmergency(0)
          .build();

  private static VolumeFacts volume(String name, long capacity, long used) {
    return MeasuredVolumes.measured(name, capacity, used, NOW);
  }

  private static VolumeFacts unmeasured(String name) {
    return VolumeFacts.builder()
        .from(volume(name, 10 * GI, 0))
        .usage(Optional.empty())
        .usageUnknownBecause("no running pod mounts it")
        .build();
  }

  private SizingPass run(List<VolumeFacts> volumes, Optional<String> paused) {
    return SizingPass.run(
        policy, volumes, ActionLedger.empty(), WindowState.alwaysOpen(), NOW, paused);
  }

  @Test
  void theBudgetGoesToTheFullestPvcsFirst() {
    SizingPass pass =
        run(
            List.of(
                volume("a-85", 10 * GI, 9_200_000_000L),
                volume("b-99", 10 * GI, 10_600_000_000L),
                volume("c-90", 10 * GI, 9_700_000_000L),
                unmeasured("d")),
            Optional.empty());

    assertThat(pass.verdicts())
        .extracting(verdict -> verdict.volume().pvc().name())
        .containsExactly("b-99", "c-90", "a-85", "d");
    assertThat(pass.verdicts())
        .extracting(verdict -> verdict.decision().getClass().getSimpleName())
        .containsExactly("Grow", "Grow", "Queued", "UsageUnknown");
    assertThat(pass.growths())
        .extracting(growth -> growth.pvc().name())
        .containsExactly("b-99", "c-90");
    assertThat(pass.ledger().spentSince(NOW)).isEqualTo(2);
  }

  @Test
  void aGrowthRecordsWhatTheVolumeHadBefore() {
    Growth growth = run(List.of(volume("a", 10 * GI, 9 * GI)), Optional.empty()).growths().get(0);

    assertThat(growth.pvcUid()).isEqualTo("uid-a");
    assertThat(growth.at()).isEqualTo(NOW);
    assertThat(growth.fromBytes()).isEqualTo(10 * GI);
    assertThat(growth.toBytes()).isEqualTo(12 * GI);
    assertThat(growth.fromFilesystemBytes()).isEqualTo(10 * GI * 97 / 100);
  }

  @Test
  void whilePausedAGrowthDueIsOnlyQueuedAndSpendsNothing() {
    SizingPass pass =
        run(
            List.of(volume("a", 10 * GI, 9 * GI)),
            Optional.of("upgrade db/pg-to-16 of app db/pg is running"));

    SizingDecision decision = pass.verdicts().get(0).decision();
    assertThat(decision).isInstanceOf(SizingDecision.Queued.class);
    assertThat(decision.why()).endsWith("; upgrade db/pg-to-16 of app db/pg is running");
    assertThat(((SizingDecision.Queued) decision).toBytes()).isEqualTo(12 * GI);
    assertThat(pass.growths()).isEmpty();
    assertThat(pass.ledger().growths()).isEmpty();
  }

  @Test
  void aNewReplicasPvcGrowsAtOnceToTheSizeItsPeersGrewToWhateverItsUsage() {
    VolumeFacts grown =
        VolumeFacts.builder()
            .from(volume("data-pg-0", 14 * GI, 5 * GI))
            .peerGroup("StatefulSet pg, template data")
            .build();
    VolumeFacts fresh =
        VolumeFacts.builder()
            .from(unmeasured("data-pg-1"))
            .peerGroup("StatefulSet pg, template data")
            .build();
    VolumeFacts ofAnotherTemplate =
        VolumeFacts.builder()
            .from(volume("wal-pg-1", 10 * GI, GI))
            .peerGroup("StatefulSet pg, template wal")
            .build();

    SizingPass pass = run(List.of(grown, fresh, ofAnotherTemplate), Optional.empty());

    assertThat(pass.growths())
        .singleElement()
        .satisfies(
            growth -> {
              assertThat(growth.pvc().name()).isEqualTo("data-pg-1");
              assertThat(growth.toBytes()).isEqualTo(14 * GI);
              assertThat(growth.kind()).isEqualTo(GrowthKind.PEERS);
            });
    assertThat(
            pass.verdicts().stream()
                .filter(verdict -> verdict.volume().pvc().name().equals("data-pg-1"))
                .findFirst()
                .orElseThrow()
                .decision()
                .why())
        .isEqualTo(
            "its StatefulSet's other PVCs have grown to 14Gi: a new replica starts at their size");
  }

  @Test
  void aPeersGrowthStopsAtTheLimitAndWaitsForTheBudget() {
    SizingPolicy small =
        SizingPolicy.builder()
            .requestBytes(10 * GI)
            .limitBytes(12 * GI)
            .maxActionsPerDay(1)
            .reservedForEmergency(1)
            .build();
    VolumeFacts grown =
        VolumeFacts.builder()
            .from(volume("data-pg-0", 14 * GI, 5 * GI))
            .peerGroup("StatefulSet pg, template data")
            .build();
    List<VolumeFacts> two =
        List.of(
            grown,
            VolumeFacts.builder()
                .from(unmeasured("data-pg-1"))
                .peerGroup("StatefulSet pg, template data")
                .build(),
            VolumeFacts.builder()
                .from(unmeasured("data-pg-2"))
                .peerGroup("StatefulSet pg, template data")
                .build());

    SizingPass pass =
        SizingPass.run(
            small, two, ActionLedger.empty(), WindowState.alwaysOpen(), NOW, Optional.empty());

    assertThat(pass.growths())
        .singleElement()
        .satisfies(growth -> assertThat(growth.toBytes()).isEqualTo(12 * GI));
    assertThat(pass.verdicts())
        .extracting(verdict -> verdict.decision().getClass().getSimpleName())
        .containsExactly("Steady", "Grow", "Queued");
  }

  @Test
  void theClassificationTravelsWithTheDecision() {
    VolumeFacts dangling =
        VolumeFacts.builder()
            .from(volume("a", 10 * GI, 9 * GI))
            .mounted(false)
            .addConditions("FileSystemResizePending")
            .build();

    SizingPass.Verdict verdict = run(List.of(dangling), Optional.empty()).verdicts().get(0);

    assertThat(verdict.classification().kind()).isEqualTo(VolumeClass.DANGLING_RESIZE);
    assertThat(verdict.decision()).isInstanceOf(SizingDecision.NotGrowable.class);
  }
}
