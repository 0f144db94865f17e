package io.harbormaster.cli.demo;

import java.io.PrintWriter;

/** One story the demo tells on a fresh sandbox: install an app, upgrade it, check how it ended. */
interface DemoScenario {
  /** The name {@code --scenario} takes. */
  String name();

  /** One line saying what happens. */
  String title();

  /** Runs on {@code cluster}, narrating to {@code out} and recording what it verified in {@code checks}. */
  void run(DemoCluster cluster, PrintWriter out, Checks checks) throws InterruptedException;
}
