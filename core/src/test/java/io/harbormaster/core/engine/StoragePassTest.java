package io.harbormaster.core.engine;

import static io.harbormaster.core.sizing.SizingPolicy.GI;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.port.EventRecorder;
import io.harbormaster.core.sizing.ActionLedger;
import io.harbormaster.core.sizing.MeasuredVolumes;
import io.harbormaster.core.sizing.SizingPass;
import io.harbormaster.core.sizing.SizingPolicy;
import io.harbormaster.core.sizing.VolumeFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoragePassTest {
  private static final Instant NOW = Instant.parse("2026-11-28T03:30:00Z");
  private static final SizingPolicy POLICY =
      SizingPolicy.builder().requestBytes(10 * GI).limitBytes(12 * GI).build();

  private static VolumeFacts volume(String name, long capacity, long used) {
    return MeasuredVolumes.measured(name, capacity, used, NOW);
  }

  private static SizingPass plan(VolumeFacts... volumes) {
    return StoragePass.plan(
        POLICY, Optional.empty(), List.of(volumes), ActionLedger.empty(), NOW, Optional.empty());
  }

  @Test
  void theLedgerIsRecordedBeforeAnyPvcGrowsAndARefusedGrowthIsTakenOut() {
    SizingPass pass = plan(volume("a", 10 * GI, 9 * GI), volume("b", 10 * GI, 9 * GI));
    List<String> calls = new ArrayList<>();

    StoragePass.Applied applied =
        StoragePass.apply(
            pass,
            ledger -> calls.add("record " + ledger.growths().size()),
            (pvc, bytes) -> {
              calls.add("grow " + pvc.name());
              if (pvc.name().equals("b")) {
                throw new IllegalStateException("exceeded quota: requests.storage");
              }
            });

    assertThat(calls).containsExactly("record 2", "grow a", "grow b");
    assertThat(applied.made()).extracting(growth -> growth.pvc().name()).containsExactly("a");
    assertThat(applied.ledger().growths()).extracting(g -> g.pvc().name()).containsExactly("a");
    assertThat(applied.refused().values()).containsExactly("exceeded quota: requests.storage");
  }

  @Test
  void nothingToGrowRecordsNothing() {
    List<String> calls = new ArrayList<>();

    StoragePass.Applied applied =
        StoragePass.apply(
            plan(volume("a", 10 * GI, GI)),
            ledger -> calls.add("record"),
            (pvc, bytes) -> calls.add("grow"));

    assertThat(calls).isEmpty();
    assertThat(applied.made()).isEmpty();
  }

  @Test
  void eventsSayWhatGrewAndWhatNewlyWaitsOrCannot() {
    SizingPass pass = plan(volume("grows", 10 * GI, 9 * GI), volume("at-limit", 12 * GI, 11 * GI));
    StoragePass.Applied applied = StoragePass.apply(pass, ledger -> {}, (pvc, bytes) -> {});

    List<StoragePass.Announcement> first = StoragePass.announcements(pass, applied, Map.of());
    List<StoragePass.Announcement> again =
        StoragePass.announcements(
            pass,
            new StoragePass.Applied(applied.ledger(), List.of(), Map.of()),
            Map.of("at-limit", "AtLimit"));

    assertThat(first)
        .containsExactly(
            new StoragePass.Announcement(
                EventRecorder.Type.NORMAL, "Growth", "growing grows from 10Gi to 12Gi"),
            new StoragePass.Announcement(
                EventRecorder.Type.WARNING,
                "AtLimit",
                "at-limit: 11Gi of 12Gi used, at the limit 12Gi"));
    assertThat(again).as("an unchanged decision is not announced again").isEmpty();
  }
}
