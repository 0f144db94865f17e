package io.harbormaster.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {
  private final StringWriter text = new StringWriter();

  @Test
  void alignsEachColumnToItsWidestCellUnderUpperCaseHeadersWithoutTrailingBlanks() {
    Table.of("name", "ready", "last upgrade")
        .row("postgres", "True", "pg-15: Completed")
        .row("web", "False", "")
        .print(new PrintWriter(text), "  ");

    assertThat(text.toString())
        .isEqualTo(
            "  NAME       READY   LAST UPGRADE\n"
                + "  postgres   True    pg-15: Completed\n"
                + "  web        False   <none>\n");
  }

  @Test
  void aRowThatDoesNotMatchTheColumnsIsRefused() {
    assertThatThrownBy(() -> Table.of("a", "b").row("only one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a row of 1 cells for the columns [A, B]");
  }
}
