package io.harbormaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** No Java stack trace reaches a user, whatever a command throws. */
class UserErrorsTest {
  @Test
  void anUnexpectedFailureIsOneLineSayingItIsABugAndWhereToLook() {
    StringWriter err = new StringWriter();
    CommandLine cli = HmCommand.commandLine();
    cli.setErr(new PrintWriter(err));

    int code =
        UserErrors.unexpected(
            new IllegalStateException("state of https://user:hunter2@git.example/x"), cli, null);

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "error: IllegalStateException: state of https://***@git.example/x (a bug in hm:"
                + " HM_LOG_LEVEL=debug shows where)\n")
        .doesNotContain("hunter2")
        .doesNotContain("\tat ");
  }
}
