package io.harbormaster.sandbox.imageautomation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.version.SemanticVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverRangeTest {
  @ParameterizedTest(name = "{0} holds {1}: {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        ">=1.0.0; 1.0.0; true",
        ">=1.0.0; 0.9.9; false",
        ">=1.0.0; 1.1.0-rc.1; false",
        ">=1.0.0 <2.0.0; 1.9.9; true",
        ">=1.0.0 <2.0.0; 2.0.0; false",
        ">=1.0.0, <2.0.0; 2.0.0; false",
        ">= 1.0.0 < 2.0.0; 1.5.0; true",
        "1.2.x; 1.2.7; true",
        "1.2.x; 1.3.0; false",
        "1.2; 1.2.3; true",
        "=1.2.3; 1.2.3; true",
        "1.2.3; 1.2.4; false",
        "!=1.2.3; 1.2.4; true",
        "~1.2.3; 1.2.9; true",
        "~1.2.3; 1.3.0; false",
        "~1.2.3; 1.2.2; false",
        "~1; 1.9.0; true",
        "^1.2.3; 1.9.0; true",
        "^1.2.3; 2.0.0; false",
        "^0.2.3; 0.2.9; true",
        "^0.2.3; 0.3.0; false",
        "^0.0.3; 0.0.4; false",
        "*; 7.0.0; true",
        "*; 7.0.0-beta.1; false",
        ">1.2; 1.2.9; false",
        ">1.2; 1.3.0; true",
        "<=1.2; 1.2.9; true",
        "<=1.2; 1.3.0; false",
        "<1.2.0; 1.1.9; true",
        "1.0.0 - 1.4.5; 1.4.5; true",
        "1.0.0 - 1.4.5; 1.4.6; false",
        "1.0.0 - 1.4; 1.4.9; true",
        "<1.0.0 || >=3.0.0; 3.1.0; true",
        "<1.0.0 || >=3.0.0; 2.0.0; false",
        ">=1.0.0-0; 1.1.0-rc.1; true",
        "^1.x-0; 1.4.0-rc.1; true",
        "v1.x; 1.2.0; true",
      })
  void aRangeHoldsTheVersionsItNames(String range, String version, boolean held) {
    assertThat(SemverRange.parse(range).contains(SemanticVersion.parse(version).orElseThrow()))
        .isEqualTo(held);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "latest", ">=one", "1.2.3.4", ">>1.0.0", "||"})
  void anImproperRangeIsRefusedInMastermindsWords(String range) {
    assertThatThrownBy(() -> SemverRange.parse(range))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("improper constraint: " + range);
  }
}
