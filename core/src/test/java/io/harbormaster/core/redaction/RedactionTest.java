package io.harbormaster.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void masksAllOfAnHttpUrlsUserInfo() {
    assertThat(Redaction.redact("cannot reach https://ghp_abc123@github.com/acme/platform.git"))
        .isEqualTo("cannot reach https://***@github.com/acme/platform.git");
    assertThat(
            Redaction.redact(
                "http://ghp_abc123:x-oauth-basic@git.local/p.git, again https://bot:t0k@git.local/q.git"))
        .isEqualTo("http://***@git.local/p.git, again https://***@git.local/q.git");
    assertThat(
            Redaction.redact(
                "msg=\"the commit to https://bot:p@ss@127.0.0.1:8443/git/fleet.git (main)\""))
        .isEqualTo("msg=\"the commit to https://***@127.0.0.1:8443/git/fleet.git (main)\"");
  }

  @Test
  void keepsAnSshUserNameButMasksItsPassword() {
    assertThat(Redaction.redact("ssh://git@127.0.0.1:2222/platform.git: refused"))
        .isEqualTo("ssh://git@127.0.0.1:2222/platform.git: refused");
    assertThat(Redaction.redact("SSH://deploy:hunter2@host/p.git"))
        .isEqualTo("SSH://deploy:***@host/p.git");
  }

  @Test
  void masksAuthorizationValues() {
    assertThat(Redaction.redact("sent Authorization: Basic Ym90OnNlY3JldA== to the server"))
        .isEqualTo("sent Authorization: Basic *** to the server");
    assertThat(Redaction.redact("header bearer eyJhbGciOiJSUzI1NiJ9.payload"))
        .isEqualTo("header bearer ***");
  }

  @Test
  void masksTheSecretsOfTheCallHoweverShort() {
    assertThat(Redaction.redact("token s3cr3t rejected (s3cr3t)", List.of("s3cr3t", "")))
        .isEqualTo("token *** rejected (***)");
    assertThat(Redaction.redact(null)).isEmpty();
  }

  @Test
  void masksEveryRememberedSecretItsLinesAndItsBase64() {
    String key =
        "-----BEGIN KEY-----\nremembered-line-one-AAAA\nremembered-line-two-BBBB\n-----END KEY-----\n";
    String token = "remembered-token-7f3a9c";
    Redaction.remember(List.of(key, token, "short"));

    assertThat(Redaction.redact("push refused for remembered-token-7f3a9c"))
        .isEqualTo("push refused for ***");
    assertThat(Redaction.redact("bad line: remembered-line-two-BBBB")).isEqualTo("bad line: ***");
    assertThat(
            Redaction.redact(
                "password: "
                    + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("password: ***");
    assertThat(Redaction.redact("a short word stays"))
        .as("too short to mask everywhere")
        .isEqualTo("a short word stays");
  }

  @Test
  void redactingTwiceChangesNothing() {
    String once =
        Redaction.redact(
            "https://bot:t0k@host/p.git ssh://git:pw@host/p.git Authorization: Bearer abcdefgh12345");
    assertThat(Redaction.redact(once)).isEqualTo(once);
  }
}
