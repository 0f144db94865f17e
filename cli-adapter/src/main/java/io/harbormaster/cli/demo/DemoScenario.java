package io.harbormaster.cli.demo;

import io.harbormaster.testkit.HarbormasterSandbox;
import java.io.PrintWriter;

/** One story the demo tells on a fresh sandbox: install an app, upgrade it, check how it ended. */
abstract class DemoScenario {
  private final String name;
  private final String title;

  /**
   * @param name what {@code --scenario} takes
   * @param title one line saying what happens
   */
  DemoScenario(String name, String title) {
    this.name = name;
    this.title = title;
  }

  final String name() {
    return name;
  }

  final String title() {
    return title;
  }

  /**
   * Runs on {@code cluster}, narrating to {@code out} and recording what it verified in {@code
   * checks}.
   */
  abstract void run(HarbormasterSandbox cluster, PrintWriter out, Checks checks)
      throws InterruptedException;
}
