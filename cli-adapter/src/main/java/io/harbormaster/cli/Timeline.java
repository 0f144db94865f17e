package io.harbormaster.cli;

import io.harbormaster.core.engine.OperationDriver;
import io.harbormaster.core.engine.StepResult;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.PhaseRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** Prints each phase of an operation as it ends, and a table of them all at the end. */
final class Timeline implements OperationDriver.Listener {
  private final PrintWriter out;
  private int printed;

  Timeline(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void onStep(StepResult step) {
    List<PhaseRecord> history = step.state().history();
    for (; printed < history.size(); printed++) {
      PhaseRecord record = history.get(printed);
      out.printf("  %-14s %8s  %s%n", record.phase().display(), format(record.duration()), record.summary());
    }
    out.flush();
  }

  /** The final line and table of one operation. */
  void summarize(OperationState state) {
    out.printf("  %-14s %8s  %s%n", state.phase().display(), "", state.message().orElse(""));
    out.println();
    out.printf("  %-14s %-9s %s%n", "PHASE", "DURATION", "WHAT WAS DONE");
    for (PhaseRecord record : state.history()) {
      out.printf("  %-14s %-9s %s%n", record.phase().display(), format(record.duration()), record.summary());
    }
    out.println();
    out.flush();
  }

  static String format(Duration duration) {
    long seconds = duration.getSeconds();
    return seconds >= 60 ? seconds / 60 + "m" + seconds % 60 + "s" : seconds + "s";
  }
}
