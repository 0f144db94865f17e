package io.harbormaster.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ObjectRef;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VolumeClassifierTest {
  private static ImmutableVolumeFacts.Builder bound() {
    return VolumeFacts.builder()
        .pvc(ObjectRef.of("db", "data-pg-0"))
        .uid("uid-data-pg-0")
        .capacityBytes(10)
        .requestedBytes(10)
        .phase("Bound")
        .storageClass("fast")
        .expansionAllowed(true)
        .mounted(true)
        .usage(
            VolumeUsage.builder()
                .usedBytes(1)
                .filesystemBytes(2)
                .measuredAt(Instant.parse("2026-11-28T00:00:00Z"))
                .build());
  }

  private static VolumeClassifier.Classification classify(ImmutableVolumeFacts.Builder facts) {
    return VolumeClassifier.classify(facts.build());
  }

  @Test
  void aFilesystemResizePendingWithAPodIsResizingAndWithoutOneIsDangling() {
    VolumeClassifier.Classification mounted =
        classify(bound().addCondition("FileSystemResizePending"));
    VolumeClassifier.Classification dangling =
        classify(bound().addCondition("FileSystemResizePending").mounted(false));

    assertThat(mounted.kind()).isEqualTo(VolumeClass.RESIZING);
    assertThat(mounted.blocksGrowth()).isEmpty();
    assertThat(dangling.kind()).isEqualTo(VolumeClass.DANGLING_RESIZE);
    assertThat(dangling.why()).contains("the resize finishes only when a pod mounts the volume");
    assertThat(dangling.blocksGrowth()).contains(dangling.why());
  }

  @Test
  void eachStateIsToldWithWhetherItStopsAGrowth() {
    assertThat(classify(bound()).kind()).isEqualTo(VolumeClass.HEALTHY);
    assertThat(classify(bound().addCondition("Resizing")).kind()).isEqualTo(VolumeClass.RESIZING);
    assertThat(classify(bound().resizeStatus("ControllerResizeInProgress")).kind())
        .isEqualTo(VolumeClass.RESIZING);
    assertThat(classify(bound().resizeStatus("NodeResizePending").mounted(false)).kind())
        .isEqualTo(VolumeClass.DANGLING_RESIZE);
    assertThat(classify(bound().resizeStatus("ControllerResizeInfeasible")).why())
        .isEqualTo("its last resize failed (ControllerResizeInfeasible): see the PVC's events");
    assertThat(classify(bound().addCondition("NodeResizeError")).blocksGrowth()).isPresent();
    assertThat(classify(bound().phase("Lost")).blocksGrowth()).isPresent();
    assertThat(classify(bound().phase("Pending")).kind()).isEqualTo(VolumeClass.INITIALIZING);
    assertThat(classify(bound().phase("Pending")).blocksGrowth()).isPresent();
    VolumeClassifier.Classification fixed = classify(bound().expansionAllowed(false));
    assertThat(fixed.kind()).isEqualTo(VolumeClass.UNUSABLE);
    assertThat(fixed.why())
        .isEqualTo("StorageClass fast does not allow expansion (allowVolumeExpansion)");
  }

  @Test
  void unknownUsageSaysWhyAndDoesNotStopAGrowthByItself() {
    VolumeClassifier.Classification unknown =
        VolumeClassifier.classify(
            VolumeFacts.builder()
                .from(bound().build())
                .usage(java.util.Optional.empty())
                .usageUnknownBecause("node worker-3 does not answer")
                .build());

    assertThat(unknown.kind()).isEqualTo(VolumeClass.USAGE_UNKNOWN);
    assertThat(unknown.why()).isEqualTo("usage unknown: node worker-3 does not answer");
    assertThat(unknown.blocksGrowth()).isEmpty();
  }
}
