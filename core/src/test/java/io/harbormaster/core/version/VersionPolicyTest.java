package io.harbormaster.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.AutoUpdate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionPolicyTest {
  @ParameterizedTest
  @CsvSource({
    "PATCH, 1.2.3, 1.2.4, true",
    "PATCH, 1.2.3, 1.3.0, false",
    "MINOR, 1.2.3, 1.3.0, true",
    "MINOR, 1.2.3, 2.0.0, false",
    "MAJOR, 1.2.3, 2.0.0, true",
    "NONE, 1.2.3, 1.2.4, false",
    "MAJOR, 1.2.3, 1.2.3, false",
    "MAJOR, 1.2.3, 1.2.2, false",
    "MAJOR, 1.2.3, 1.3.0-rc.1, false",
    "MAJOR, v1.2.3, v1.2.4, true",
    "MAJOR, latest, 1.2.4, false",
    "MAJOR, 1.2.3, stable, false"
  })
  void allowsOnlyNewerSemverReleasesWithinThePolicy(
      AutoUpdate policy, String from, String to, boolean allowed) {
    assertThat(VersionPolicy.allows(policy, from, to)).isEqualTo(allowed);
  }

  @Test
  void picksTheNewestAllowedAsTheSourceSpelledIt() {
    assertThat(
            VersionPolicy.newestAllowed(
                AutoUpdate.MINOR, "v1.2.3", List.of("v1.2.9", "v1.10.0", "v1.9.0", "v2.0.0")))
        .contains("v1.10.0");
    assertThat(VersionPolicy.newestAllowed(AutoUpdate.PATCH, "1.2.3", List.of("1.3.0"))).isEmpty();
  }

  @Test
  void ordersPreReleasesBySemverPrecedence() {
    List<String> ordered =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0");
    for (int i = 0; i + 1 < ordered.size(); i++) {
      assertThat(SemanticVersion.parse(ordered.get(i)).orElseThrow())
          .as(ordered.get(i) + " < " + ordered.get(i + 1))
          .isLessThan(SemanticVersion.parse(ordered.get(i + 1)).orElseThrow());
    }
    assertThat(SemanticVersion.parse("1.0.0+build.5"))
        .contains(SemanticVersion.parse("1.0.0").orElseThrow());
    assertThat(SemanticVersion.parse("01.2.3")).isEmpty();
  }

  @Property
  void orderFollowsTheNumbers(
      @ForAll @IntRange(max = 500) int a1,
      @ForAll @IntRange(max = 500) int a2,
      @ForAll @IntRange(max = 500) int a3,
      @ForAll @IntRange(max = 500) int b1,
      @ForAll @IntRange(max = 500) int b2,
      @ForAll @IntRange(max = 500) int b3) {
    SemanticVersion a = SemanticVersion.parse(a1 + "." + a2 + "." + a3).orElseThrow();
    SemanticVersion b = SemanticVersion.parse(b1 + "." + b2 + "." + b3).orElseThrow();
    int expected =
        a1 != b1
            ? Integer.compare(a1, b1)
            : a2 != b2 ? Integer.compare(a2, b2) : Integer.compare(a3, b3);
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(expected));
  }
}
