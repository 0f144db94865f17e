package io.harbormaster.core.sizing;

import static io.harbormaster.core.sizing.SizingPolicy.GI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.model.InvalidSpecException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SizingPolicyTest {
  private static ImmutableSizingPolicy.Builder valid() {
    return SizingPolicy.builder().requestBytes(10 * GI).limitBytes(100 * GI);
  }

  @Test
  void theDefaultsAreTheReferenceSystemsAndValid() {
    SizingPolicy policy = valid().build();

    assertThat(policy.targetBufferPercent()).isEqualTo(20);
    assertThat(policy.criticalThresholdPercent()).isEqualTo(95);
    assertThat(policy.criticalMinimumFreeBytes()).isEqualTo(GI);
    assertThat(policy.stepBytes()).isEqualTo(GI);
    assertThat(policy.maxActionsPerDay()).isEqualTo(4);
    assertThat(policy.reservedForEmergency()).isEqualTo(1);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "spec.limit", (UnaryOperator<ImmutableSizingPolicy.Builder>) b -> b.limitBytes(5 * GI)),
        Arguments.of(
            "spec.request", (UnaryOperator<ImmutableSizingPolicy.Builder>) b -> b.requestBytes(0)),
        Arguments.of(
            "spec.targetBuffer",
            (UnaryOperator<ImmutableSizingPolicy.Builder>) b -> b.targetBufferPercent(0)),
        Arguments.of(
            "spec.targetBuffer",
            (UnaryOperator<ImmutableSizingPolicy.Builder>) b -> b.targetBufferPercent(91)),
        Arguments.of(
            "spec.criticalThreshold",
            (UnaryOperator<ImmutableSizingPolicy.Builder>) b -> b.criticalThresholdPercent(80)),
        Arguments.of(
            "spec.criticalThreshold",
            (UnaryOperator<ImmutableSizingPolicy.Builder>) b -> b.criticalThresholdPercent(101)),
        Arguments.of(
            "spec.step", (UnaryOperator<ImmutableSizingPolicy.Builder>) b -> b.stepBytes(0)),
        Arguments.of(
            "spec.maxActionsPerDay",
            (UnaryOperator<ImmutableSizingPolicy.Builder>) b -> b.maxActionsPerDay(0)),
        Arguments.of(
            "spec.reservedForEmergency",
            (UnaryOperator<ImmutableSizingPolicy.Builder>) b -> b.reservedForEmergency(5)),
        Arguments.of(
            "spec.criticalMinimumFree",
            (UnaryOperator<ImmutableSizingPolicy.Builder>) b -> b.criticalMinimumFreeBytes(-1)),
        Arguments.of(
            "spec.minimumInterval",
            (UnaryOperator<ImmutableSizingPolicy.Builder>)
                b -> b.minimumInterval(Duration.ofHours(-1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void anInvalidPolicyIsRefusedNamingItsField(
      String field, UnaryOperator<ImmutableSizingPolicy.Builder> mistake) {
    assertThatThrownBy(() -> mistake.apply(valid()).build())
        .isInstanceOfSatisfying(
            InvalidSpecException.class, refused -> assertThat(refused.field()).isEqualTo(field));
  }

  @Test
  void theThresholdMustBeAboveTheLineTheBufferDraws() {
    assertThatThrownBy(() -> valid().targetBufferPercent(20).criticalThresholdPercent(80).build())
        .hasMessage(
            "spec.criticalThreshold: 80 must be above the buffer line (80 % used, from"
                + " spec.targetBuffer 20) and at most 100");
    assertThat(valid().targetBufferPercent(20).criticalThresholdPercent(81).build()).isNotNull();
  }
}
