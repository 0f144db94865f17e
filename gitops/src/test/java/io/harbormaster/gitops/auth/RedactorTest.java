package io.harbormaster.gitops.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = Redactor.of(List.of("s3cr3t-token", ""));

  @Test
  void hidesTheWholeUserInfoOfAnHttpUrl() {
    assertThat(redactor.redact("cannot reach https://ghp_abc123@github.com/acme/platform.git"))
        .isEqualTo("cannot reach https://***@github.com/acme/platform.git");
    assertThat(redactor.redact("http://ghp_abc123:x-oauth-basic@git.local/p.git"))
        .isEqualTo("http://***@git.local/p.git");
  }

  @Test
  void keepsAnSshUserNameButNotItsPassword() {
    assertThat(redactor.redact("ssh://git@127.0.0.1:2222/platform.git: refused"))
        .isEqualTo("ssh://git@127.0.0.1:2222/platform.git: refused");
    assertThat(redactor.redact("SSH://deploy:hunter2@host/p.git")).isEqualTo("SSH://deploy:***@host/p.git");
  }

  @Test
  void hidesEachSecretWhereverItStands() {
    assertThat(redactor.redact("token s3cr3t-token rejected (s3cr3t-token)")).isEqualTo("token *** rejected (***)");
    assertThat(redactor.redact(null)).isEmpty();
  }
}
