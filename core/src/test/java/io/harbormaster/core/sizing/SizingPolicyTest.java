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

  private static Arguments mistake(
      String field, UnaryOperator<ImmutableSizingPolicy.Builder> change) {
    return Arguments.of(field, change);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        mistake("spec.limit", b -> b.limitBytes(5 * GI)),
        mistake("spec.request", b -> b.requestBytes(0)),
        mistake("spec.targetBuffer", b -> b.targetBufferPercent(0)),
        mistake("spec.targetBuffer", b -> b.targetBufferPercent(91)),
        mistake("spec.criticalThreshold", b -> b.criticalThresholdPercent(80)),
        mistake("spec.criticalThreshold", b -> b.criticalThresholdPercent(101)),
        mistake("spec.step", b -> b.stepBytes(0)),
        mistake("spec.maxActionsPerDay", b -> b.maxActionsPerDay(0)),
        mistake("spec.reservedForEmergency", b -> b.reservedForEmergency(5)),
        mistake("spec.criticalMinimumFree", b -> b.criticalMinimumFreeBytes(-1)),
        mistake(
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
