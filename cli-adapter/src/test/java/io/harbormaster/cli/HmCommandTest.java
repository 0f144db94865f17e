package io.harbormaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HmCommandTest {
  @Test
  void noCommandIsAUsageErrorThatSaysWhatToType() {
    StringWriter err = new StringWriter();
    CommandLine cli = HmCommand.commandLine();
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute()).isEqualTo(2);
    assertThat(err.toString()).contains("name a command, e.g. 'hm demo'");
  }
}
