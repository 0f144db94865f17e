package io.harbormaster.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {
  @Test
  void readsABearerChallengeWithAQuotedCommaInItsScope() {
    assertThat(
            Challenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                    + "scope=\"repository:library/postgres:pull,push\""))
        .contains(
            new Challenge(
                "bearer",
                Map.of(
                    "realm", "https://auth.docker.io/token",
                    "service", "registry.docker.io",
                    "scope", "repository:library/postgres:pull,push")));
  }

  @Test
  void readsUnquotedValuesAndSpaces() {
    assertThat(Challenge.parse("Basic realm=registry, charset=\"UTF-8\""))
        .contains(new Challenge("basic", Map.of("realm", "registry", "charset", "UTF-8")));
  }

  @Test
  void prefersABearerChallengeToABasicOne() {
    assertThat(
            Challenge.of(List.of("Basic realm=\"x\"", "Bearer realm=\"https://a/token\""))
                .orElseThrow()
                .scheme())
        .isEqualTo("bearer");
    assertThat(Challenge.of(List.of())).isEmpty();
  }
}
