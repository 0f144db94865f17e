package io.harbormaster.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A phase is stored in a status by its CamelCase name and read back from it. */
class PhaseNamesTest {
  @ParameterizedTest
  @EnumSource(Phase.class)
  void everyPhaseReadsBackFromItsName(Phase phase) {
    assertThat(Phase.fromDisplay(phase.display())).isEqualTo(phase);
  }

  @Test
  void aNameNoPhaseHasIsRefused() {
    assertThat(Phase.fromDisplay("VolumeRestore")).isEqualTo(Phase.VOLUME_RESTORE);
    assertThatThrownBy(() -> Phase.fromDisplay("VOLUME_RESTORE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown phase 'VOLUME_RESTORE'");
  }
}
