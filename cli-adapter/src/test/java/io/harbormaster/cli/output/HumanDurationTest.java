package io.harbormaster.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {
  @Test
  void printsDurationsAsKubectlPrintsAges() {
    assertThat(HumanDuration.format(Duration.ofMillis(850))).isEqualTo("850ms");
    assertThat(HumanDuration.format(Duration.ofSeconds(42))).isEqualTo("42s");
    assertThat(HumanDuration.format(Duration.ofSeconds(185))).isEqualTo("3m5s");
    assertThat(HumanDuration.format(Duration.ofMinutes(25))).isEqualTo("25m");
    assertThat(HumanDuration.format(Duration.ofHours(5))).isEqualTo("5h");
    assertThat(HumanDuration.format(Duration.ofDays(3))).isEqualTo("3d");
    assertThat(HumanDuration.format(Duration.ofSeconds(-3)))
        .as("a clock skewed against the server's")
        .isEqualTo("0s");
  }
}
