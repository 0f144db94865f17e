package io.harbormaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code hm version} and {@code hm help}, as kubectl and flux have them. */
class TopLevelCommandsTest {
  @Test
  void versionPrintsWhatDashDashVersionPrints() {
    assertThat(run("version")).isEqualTo(run("--version")).isEqualTo("0:hm 0.1.0\n");
  }

  @Test
  void helpOfACommandIsItsUsage() {
    assertThat(run("help", "upgrade")).isEqualTo(run("upgrade", "--help")).contains("--to=VERSION");
  }

  @Test
  void theDemosHelpSaysItRunsOneScenarioUnlessToldOtherwise() {
    assertThat(run("demo", "--help"))
        .contains("--scenario chooses another")
        .contains("(default: happy)");
  }

  @Test
  void storageAloneNamesItsSubcommands() {
    StringWriter err = new StringWriter();
    CommandLine cli = HmCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("storage")).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: hm storage needs a subcommand: status or plan");
    assertThat(run("storage", "--help")).contains("status", "plan");
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = HmCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    int code = cli.execute(args);
    return code + ":" + out;
  }
}
