package io.harbormaster.gitops.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The project's one redaction (core's RedactionTest covers it), bound to one operation's secrets.
 */
class RedactorTest {
  private final Redactor redactor = Redactor.of(List.of("s3cr3t", ""));

  @Test
  void hidesTheOperationsSecretsHoweverShortAndAnyUrlUserInfo() {
    assertThat(
            redactor.redact("token s3cr3t rejected at https://bot:other@git.local/p.git (s3cr3t)"))
        .isEqualTo("token *** rejected at https://***@git.local/p.git (***)");
    assertThat(redactor.redact(null)).isEmpty();
  }
}
