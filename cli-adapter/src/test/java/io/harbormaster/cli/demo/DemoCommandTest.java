package io.harbormaster.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.cli.HmCommand;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code hm demo} end to end: the real operator in-process on a fresh sandbox per scenario, on the
 * API server {@code hm.apiServer} names.
 */
@Tag("both-api-servers")
class DemoCommandTest {
  private static final ApiServerKind API_SERVER = ApiServerKind.fromSystemProperties();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int hm(String... args) {
    CommandLine cli = HmCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void everyScenarioEndsAsItShouldAndTheDemoExitsZero() {
    int code = hm("demo", "--scenario", "all", "--api-server", API_SERVER.toString());

    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString())
        .startsWith("SIMULATION on " + API_SERVER.description() + ":")
        .doesNotContain("[FAILED]")
        // happy: every upgrade phase, in order, with what it did
        .containsSubsequence(
            "== Scenario happy",
            "Pending",
            "Suspend",
            "ScaleDown",
            "stopped Deployment apps/web (1 replica)",
            "Snapshot",
            "GitCommit",
            "Reconcile",
            "HealthCheck",
            "Completed",
            "PHASE          DURATION  WHAT WAS DONE",
            "[ok] the upgrade completed")
        // broken-upgrade: the damage, the failed health check, the auto-rollback, the bytes back
        .containsSubsequence(
            "== Scenario broken-upgrade",
            "the broken version rewrites orders.db",
            "phase HealthCheck timed out after 10s",
            "Rollback apps/web-to-broken-rollback (auto-triggered by the failed upgrade)",
            "VolumeRestore",
            "GitRevert",
            "[ok] PVC apps/data holds orders.db as before the upgrade, byte for byte",
            "[ok] git holds image tag 1.0.0 again")
        // helm-multi-workload: both workloads stopped, three snapshots
        .containsSubsequence(
            "== Scenario helm-multi-workload",
            "stopped StatefulSet db/postgres (3 replicas), Deployment db/postgres-backup (1 replica)",
            "took 3 snapshots",
            "[ok] it took and keeps a VolumeSnapshot of each of the 3 PVCs")
        // storage-growth: planned, then emergency to the limit, then no more
        .containsSubsequence(
            "== Scenario storage-growth",
            "PVC db/orders now has 11Gi; last growth: Planned",
            "PVC db/orders now has 14Gi; last growth: Emergency",
            "AtLimit: ",
            "[ok] at the limit it grows no more and says so (AtLimit)")
        .containsSubsequence(
            "SCENARIO",
            "happy",
            "PASS",
            "broken-upgrade",
            "PASS",
            "helm-multi-workload",
            "PASS",
            "storage-growth",
            "PASS",
            "Every scenario ended as it should.");
  }

  @Test
  void aScenarioThatDoesNotEndAsItShouldFailsItsChecksAndTheDemo() throws InterruptedException {
    // Nothing is broken in this sandbox, so the "broken" version gets healthy and nothing is rolled
    // back.
    Demo demo = new Demo(new PrintWriter(out), Set.of(), API_SERVER);

    boolean passed = demo.run(List.of(new BrokenUpgrade()));

    assertThat(passed).isFalse();
    assertThat(out.toString())
        .contains("[FAILED] the upgrade failed in HealthCheck")
        .contains("[FAILED] the auto-rollback completed")
        .containsSubsequence("broken-upgrade", "FAIL", "Some scenario did not end as it should");
  }

  @Test
  void anUnknownApiServerIsAUsageErrorThatNamesTheOption() {
    int code = hm("demo", "--api-server", "sideways");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--api-server: 'sideways' is not an API server kind: use mock or real");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void anUnknownScenarioIsAUsageErrorThatListsTheChoices() {
    int code = hm("demo", "--scenario", "sideways");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "unknown --scenario 'sideways': choose one of happy, broken-upgrade, helm-multi-workload, storage-growth, all");
    assertThat(out.toString()).isEmpty();
  }
}
