package io.harbormaster.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two versions are the same version when semver gives them the same precedence. */
class SemanticVersionTest {
  private static SemanticVersion version(String text) {
    return SemanticVersion.parse(text).orElseThrow();
  }

  @Test
  void buildMetadataAndALeadingVDoNotMakeAnotherVersion() {
    assertThat(version("1.2.3+build.5")).isEqualTo(version("v1.2.3")).isEqualTo(version("1.2.3"));
    assertThat(version("1.2.3+build.5")).hasSameHashCodeAs(version("v1.2.3"));
    assertThat(Set.of(version("1.2.3+build.5"), version("1.2.4"))).contains(version("v1.2.3"));
  }

  @Test
  void anotherNumberOrPreReleaseIsAnotherVersion() {
    assertThat(version("1.2.3")).isNotEqualTo(version("1.2.4"));
    assertThat(version("1.2.3-rc.1")).isNotEqualTo(version("1.2.3"));
    assertThat(version("1.2.3")).isNotEqualTo("1.2.3");
    assertThat(version("v1.2.3").toString()).as("written back as spelled").isEqualTo("v1.2.3");
  }
}
