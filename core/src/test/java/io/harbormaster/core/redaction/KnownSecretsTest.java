package io.harbormaster.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Which pieces of a remembered secret are masked from then on, and how many are kept. Each test
 * uses a fresh {@link KnownSecrets}, or secrets no other test remembers: {@link Redaction} keeps
 * what it remembers for the life of the process.
 */
class KnownSecretsTest {
  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aSecretIsKeptAsWrittenStrippedInBase64AndLineByLine() {
    KnownSecrets known = new KnownSecrets();
    String key = "  line-one-AAAA\nshort\nline-two-BBBB\neight-ch\nseven-c\n";

    known.add(List.of(key));

    assertThat(known.fragments())
        .containsExactlyInAnyOrder(
            key, key.strip(), base64(key), "line-one-AAAA", "line-two-BBBB", "eight-ch");
    assertThat(known.fragments())
        .as("longest first, so a whole key is masked before one of its lines")
        .isSortedAccordingTo((a, b) -> Integer.compare(b.length(), a.length()));
  }

  @Test
  void aSecretOfAtLeastEightCharactersIsKeptAndAShorterOneIsNot() {
    KnownSecrets known = new KnownSecrets();

    known.add(java.util.Arrays.asList("1234567", " 1234567 ", null, "12345678"));

    assertThat(known.fragments()).containsExactlyInAnyOrder("12345678", base64("12345678"));
  }

  @Test
  void theOldestFragmentsAreForgottenBeyondFiveHundredAndTwelve() {
    KnownSecrets known = new KnownSecrets();
    List<String> secrets = new ArrayList<>();
    IntStream.range(0, 256).forEach(i -> secrets.add(String.format("secret-%04d", i)));

    known.add(secrets);
    List<String> full = known.fragments();
    known.add(List.of("secret-9999"));

    assertThat(full).hasSize(512).contains("secret-0000", base64("secret-0000"));
    assertThat(known.fragments())
        .hasSize(512)
        .contains("secret-9999", "secret-0001")
        .doesNotContain("secret-0000", base64("secret-0000"));
  }

  @Test
  void aSecretSeenAgainIsTheLastToBeForgotten() {
    KnownSecrets known = new KnownSecrets();
    List<String> secrets = new ArrayList<>();
    IntStream.range(0, 256).forEach(i -> secrets.add(String.format("secret-%04d", i)));
    known.add(secrets);

    known.add(List.of("secret-0000"));
    known.add(List.of("secret-9999"));

    assertThat(known.fragments()).contains("secret-0000").doesNotContain("secret-0001");
  }

  @Test
  void aSecretRememberedNowIsMaskedInEverythingRedactedFromNowOn() {
    String token = "token-" + UUID.randomUUID();

    Redaction.remember(List.of(token));

    assertThat(Redaction.redact("push refused for " + token)).isEqualTo("push refused for ***");
  }

  @Test
  void anSshPasswordWithoutAUserNameIsMasked() {
    assertThat(Redaction.redact("ssh://:hunter2-pass@git.example.com/fleet.git refused"))
        .isEqualTo("ssh://:***@git.example.com/fleet.git refused");
  }
}
