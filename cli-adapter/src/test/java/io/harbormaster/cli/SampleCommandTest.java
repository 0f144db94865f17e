package io.harbormaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SampleCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int hm(String... args) {
    CommandLine cli = HmCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void theHappySampleWalksEveryUpgradePhaseAndExitsZero() {
    int code = hm("sample");

    assertThat(code).isZero();
    assertThat(out.toString())
        .startsWith("SIMULATION:")
        .containsSubsequence("Pending", "Suspend", "ScaleDown", "Snapshot", "GitCommit", "Reconcile", "HealthCheck", "Completed")
        .contains("stopped StatefulSet shop/postgres (1 replica), Deployment shop/pg-backup (2 replicas)")
        .contains("upgraded spec.chart.spec.version: 15.1.0 -> 15.2.0")
        .contains("PHASE          DURATION  WHAT WAS DONE")
        .doesNotContain("Rollback");
  }

  @Test
  void theBrokenSampleFailsItsHealthCheckRollsBackAndRestoresTheData() {
    int code = hm("sample", "--scenario", "broken");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("phase HealthCheck timed out after 5m")
        .contains("rolling back")
        .containsSubsequence("Rollback of shop/postgres-15-2", "VolumeRestore", "GitRevert", "Completed")
        .contains("After the rollback: chart version 15.1.0 in git, volume holds: \"orders table, 1,204 rows\"");
  }

  @Test
  void anUnknownScenarioIsAUsageErrorThatListsTheChoices() {
    int code = hm("sample", "--scenario", "sideways");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--scenario").contains("sideways").contains("HAPPY, BROKEN");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(hm()).isEqualTo(2);
    assertThat(err.toString()).contains("name a command");
  }
}
