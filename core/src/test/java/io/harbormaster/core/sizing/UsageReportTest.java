package io.harbormaster.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ObjectRef;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageReportTest {
  private static final ObjectRef PVC = ObjectRef.of("db", "data-pg-0");

  private final UsageReport report =
      UsageReport.builder()
          .putVolume(
              ObjectRef.of("db", "measured"),
              VolumeUsage.builder()
                  .usedBytes(1)
                  .filesystemBytes(2)
                  .measuredAt(Instant.EPOCH)
                  .build())
          .putNodesNotAnswering("node-b", "connection refused")
          .build();

  @Test
  void aVolumeNoPodMountsHasNoKubeletToMeasureIt() {
    assertThat(report.unknownBecause(PVC, Optional.empty()))
        .isEqualTo("no running pod mounts it, so no kubelet measures it");
  }

  @Test
  void aNodeThatDidNotAnswerIsNamedWithWhy() {
    assertThat(report.unknownBecause(PVC, Optional.of("node-b")))
        .isEqualTo("node node-b did not answer: connection refused");
  }

  @Test
  void aNodeThatAnsweredWithoutTheVolumeHasNotMeasuredItYet() {
    assertThat(report.unknownBecause(PVC, Optional.of("node-a")))
        .startsWith("node node-a has no statistics for the volume yet");
    assertThat(report.of(PVC)).isEmpty();
    assertThat(report.of(ObjectRef.of("db", "measured"))).isPresent();
  }
}
