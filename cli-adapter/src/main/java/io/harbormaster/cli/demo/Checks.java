package io.harbormaster.cli.demo;

import java.io.PrintWriter;

/**
 * What a scenario verifies at its end, one printed line each; the scenario passes when every check
 * did.
 */
final class Checks {
  private final PrintWriter out;
  private boolean allPassed = true;

  Checks(PrintWriter out) {
    this.out = out;
  }

  void check(String what, boolean passed) {
    out.printf("  [%s] %s%n", passed ? "ok" : "FAILED", what);
    out.flush();
    allPassed &= passed;
  }

  boolean allPassed() {
    return allPassed;
  }
}
