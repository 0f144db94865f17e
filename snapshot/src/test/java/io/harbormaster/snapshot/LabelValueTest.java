package io.harbormaster.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelValueTest {
  @Test
  void keepsNamesThatFit() {
    assertThat(LabelValue.of("pg-14-to-15")).isEqualTo("pg-14-to-15");
    assertThat(LabelValue.of("a".repeat(63))).isEqualTo("a".repeat(63));
  }

  @Test
  void shortensLongNamesDistinctly() {
    String first = LabelValue.of("a".repeat(60) + ".first");
    String second = LabelValue.of("a".repeat(60) + ".second");

    assertThat(first)
        .hasSize(63)
        .startsWith("a".repeat(50) + "-")
        .matches("[a-z0-9][-a-z0-9.]*[a-z0-9]");
    assertThat(second).hasSize(63).isNotEqualTo(first);
  }
}
