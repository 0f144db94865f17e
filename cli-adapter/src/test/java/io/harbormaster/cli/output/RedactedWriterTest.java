package io.harbormaster.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RedactedWriterTest {
  @Test
  void aUrlIsMaskedEvenWhenWrittenInPieces() {
    StringWriter target = new StringWriter();
    PrintWriter out = RedactedWriter.around(new PrintWriter(target));

    out.print("push to https://bot:piece");
    out.print("wise-token@git.example/fleet.git");
    out.println(" failed");
    out.print("no newline https://t0k@host/a.git");
    out.flush();

    assertThat(target.toString())
        .isEqualTo(
            "push to https://***@git.example/fleet.git failed"
                + System.lineSeparator()
                + "no newline https://***@host/a.git");
  }

  @Test
  void aWriterIsWrappedOnce() {
    PrintWriter once = RedactedWriter.around(new PrintWriter(new StringWriter()));
    assertThat(RedactedWriter.around(once)).isSameAs(once);
  }
}
