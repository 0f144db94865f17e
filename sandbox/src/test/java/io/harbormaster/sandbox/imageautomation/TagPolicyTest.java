package io.harbormaster.sandbox.imageautomation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagPolicyTest {
  @Test
  void semverTakesTheHighestStrictVersionInRangeAndReportsTheTagAsWritten() {
    TagPolicy policy = TagPolicy.of(ImageApi.semver("^1.0.0"), Map.of());

    assertThat(policy.latest(List.of("latest", "v1.3.0", "1.2.0", "2.0.0", "1.4", "1.3.1-rc.1")))
        .isEqualTo("v1.3.0");
  }

  @Test
  void noTagInRangeIsTheControllersFailure() {
    TagPolicy policy = TagPolicy.of(ImageApi.semver("~3.0"), Map.of());

    assertThatThrownBy(() -> policy.latest(List.of("1.0.0", "2.0.0")))
        .isInstanceOf(TagPolicy.NoLatest.class)
        .hasMessage("unable to determine latest version from provided list");
  }

  @Test
  void numericalAndAlphabeticalOrdersTakeTheLastTag() {
    List<String> tags = List.of("10", "9", "100", "2");

    assertThat(TagPolicy.of(ImageApi.numerical("asc"), Map.of()).latest(tags)).isEqualTo("100");
    assertThat(TagPolicy.of(ImageApi.numerical("desc"), Map.of()).latest(tags)).isEqualTo("2");
    assertThat(TagPolicy.of(ImageApi.alphabetical("asc"), Map.of()).latest(tags)).isEqualTo("9");
    assertThat(TagPolicy.of(ImageApi.alphabetical("DESC"), Map.of()).latest(tags)).isEqualTo("10");
  }

  @Test
  void aFilterWithAnExtractComparesTheExtractedValueAndReportsTheOriginalTag() {
    TagPolicy policy =
        TagPolicy.of(
            ImageApi.numerical("asc"),
            Map.of("pattern", "^main-[a-f0-9]+-(?P<ts>[0-9]+)$", "extract", "$ts"));

    assertThat(policy.latest(List.of("main-abc-100", "main-def-300", "pr-9-999", "main-012-200")))
        .isEqualTo("main-def-300");
  }

  @Test
  void invalidPoliciesAreRefusedAsTheControllerWordsThem() {
    assertThatThrownBy(() -> TagPolicy.of(ImageApi.semver("newest"), Map.of()))
        .isInstanceOf(TagPolicy.InvalidPolicy.class)
        .hasMessage("invalid policy: improper constraint: newest");
    assertThatThrownBy(() -> TagPolicy.of(ImageApi.numerical("up"), Map.of()))
        .hasMessage(
            "invalid policy: invalid order argument provided: 'UP', must be one of: ASC, DESC");
    assertThatThrownBy(() -> TagPolicy.of(Map.of(), Map.of()))
        .hasMessage("invalid policy: given ImagePolicyChoice object is invalid");
    assertThatThrownBy(() -> TagPolicy.of(ImageApi.semver("*"), Map.of("pattern", "(")))
        .hasMessageStartingWith("failed to filter tags: invalid regular expression pattern '('");
  }
}
