package io.harbormaster.cli.demo;

import io.harbormaster.sandbox.apiserver.ApiServerKind;
import io.harbormaster.testkit.HarbormasterSandbox;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Runs scenarios, each on a fresh sandbox in a temporary folder, and says how each ended. */
final class Demo {
  /**
   * How long a scenario waits for an operation (and its rollback) to end; they take seconds here.
   */
  static final Duration OPERATION_WAIT = Duration.ofMinutes(2);

  static final List<DemoScenario> SCENARIOS =
      List.of(
          new HappyUpgrade(), new BrokenUpgrade(), new HelmMultiWorkload(), new StorageGrowth());

  private final PrintWriter out;
  private final Set<String> brokenTags;
  private final ApiServerKind apiServer;

  /**
   * @param brokenTags image tags whose pods never get Ready (tests break a scenario with these)
   * @param apiServer what each scenario's sandbox runs on
   */
  Demo(PrintWriter out, Set<String> brokenTags, ApiServerKind apiServer) {
    this.out = out;
    this.brokenTags = brokenTags;
    this.apiServer = apiServer;
  }

  /** Whether every scenario ended as it should. */
  boolean run(List<DemoScenario> scenarios) throws InterruptedException {
    out.println(
        "SIMULATION on "
            + apiServer.description()
            + ": hm demo runs Harbormaster's real operator against a simulated");
    out.println(
        "cluster in this process: "
            + apiServer.description()
            + " with simulated Flux, workload controllers, kubelet and CSI");
    out.println(
        "snapshotter, and a git server on loopback. Volumes are folders under a temporary directory. No real cluster is touched.");
    List<String> results = new ArrayList<>();
    boolean allPassed = true;
    for (DemoScenario scenario : scenarios) {
      long start = System.nanoTime();
      boolean passed = runOne(scenario);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      results.add(
          String.format(
              "  %-20s %-6s %5.1fs",
              scenario.name(), passed ? "PASS" : "FAIL", took.toMillis() / 1000.0));
      allPassed &= passed;
    }
    out.println();
    out.printf("  %-20s %-6s %6s%n", "SCENARIO", "RESULT", "TIME");
    results.forEach(out::println);
    out.println();
    out.println(
        allPassed
            ? "Every scenario ended as it should."
            : "Some scenario did not end as it should: see FAILED above.");
    out.flush();
    return allPassed;
  }

  private boolean runOne(DemoScenario scenario) throws InterruptedException {
    out.println();
    out.printf("== Scenario %s: %s%n", scenario.name(), scenario.title());
    Checks checks = new Checks(out);
    try (HarbormasterSandbox cluster =
        HarbormasterSandbox.startInTemporaryFolder(brokenTags, apiServer)) {
      cluster.startOperator();
      out.printf(
          "Sandbox up: API server %s, git repository %s%n",
          cluster.sandbox().apiServerUrl(), cluster.sandbox().fleetUrl());
      scenario.run(cluster, out, checks);
    } catch (RuntimeException e) {
      checks.check("the scenario ran to its end (it stopped: " + e.getMessage() + ")", false);
    }
    return checks.allPassed();
  }

  static String shortId(String commitId) {
    return commitId == null ? "(none)" : commitId.substring(0, Math.min(7, commitId.length()));
  }
}
