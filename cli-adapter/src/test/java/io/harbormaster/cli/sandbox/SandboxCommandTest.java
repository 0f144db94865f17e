package io.harbormaster.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.cli.HmCommand;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hm sandbox} kept running while the cluster commands drive it through its kubeconfig, on
 * the API server {@code hm.apiServer} names.
 */
@Tag("both-api-servers")
class SandboxCommandTest {
  private static final ApiServerKind API_SERVER = ApiServerKind.fromSystemProperties();

  @TempDir Path temp;

  @Test
  void theClusterCommandsDriveTheRunningSandboxThroughItsKubeconfigUntilItIsStopped()
      throws Exception {
    Path kubeconfig = temp.resolve("sandbox.kubeconfig");
    ReadyWatcher out = new ReadyWatcher();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> sandbox =
          thread.submit(
              () ->
                  hm(
                      out,
                      "sandbox",
                      "--api-server",
                      API_SERVER.toString(),
                      "--kubeconfig-out",
                      kubeconfig.toString()));
      assertThat(out.ready.await(2, TimeUnit.MINUTES)).as(out.toString()).isTrue();
      assertThat(out.toString())
          .startsWith("SIMULATION on " + API_SERVER.description() + ":")
          .contains("Ready. Its kubeconfig is " + kubeconfig + " (namespace apps). Try:")
          .contains("./hm upgrade web --to 1.1.0 --wait --kubeconfig " + kubeconfig);

      StringWriter apps = new StringWriter();
      assertThat(hm(apps, "apps", "-A", "--kubeconfig", kubeconfig.toString()))
          .as(apps.toString())
          .isZero();
      assertThat(apps.toString())
          .contains("NAMESPACE")
          .containsPattern("apps +web")
          .containsPattern("db +postgres");

      StringWriter upgrade = new StringWriter();
      assertThat(
              hm(
                  upgrade,
                  "upgrade",
                  "web",
                  "--to",
                  "1.1.0",
                  "--wait",
                  "--kubeconfig",
                  kubeconfig.toString()))
          .as(upgrade.toString())
          .isZero();
      assertThat(upgrade.toString()).contains("GitCommit").contains("Completed");

      thread.shutdownNow(); // the interrupt stands in for Ctrl-C
      assertThat(sandbox.get(1, TimeUnit.MINUTES)).isZero();
      assertThat(out.toString()).endsWith("Stopping the sandbox.\n");
      assertThat(kubeconfig).doesNotExist();
    } finally {
      thread.shutdownNow();
    }
  }

  @Test
  void itStopsByItselfAtTheEndOfForAndLeavesAKubeconfigSomeoneElseRewrote() throws Exception {
    Path kubeconfig = temp.resolve("short.kubeconfig");
    ReadyWatcher out = new ReadyWatcher();

    CompletableFuture<Integer> sandbox =
        CompletableFuture.supplyAsync(
            () ->
                hm(
                    out,
                    "sandbox",
                    "--for",
                    "3s",
                    "--api-server",
                    API_SERVER.toString(),
                    "--kubeconfig-out",
                    kubeconfig.toString()));
    assertThat(out.ready.await(2, TimeUnit.MINUTES)).as(out.toString()).isTrue();
    // Another sandbox started since, with the same file: its kubeconfig must survive this one's
    // end.
    Files.writeString(kubeconfig, "another sandbox's kubeconfig\n");

    assertThat(sandbox.get(2, TimeUnit.MINUTES)).as(out.toString()).isZero();
    assertThat(out.toString()).endsWith("Stopping the sandbox.\n");
    assertThat(kubeconfig).hasContent("another sandbox's kubeconfig");
  }

  @Test
  void aDurationThatIsNotOneIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli = HmCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("sandbox", "--for", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("--for").contains("soon");
  }

  private static int hm(Writer out, String... args) {
    CommandLine cli = HmCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    return cli.execute(args);
  }

  /** Collects the sandbox's output and opens {@link #ready} once it says it is ready. */
  private static final class ReadyWatcher extends Writer {
    final CountDownLatch ready = new CountDownLatch(1);
    private final StringBuffer text = new StringBuffer();

    @Override
    public void write(char[] buffer, int offset, int length) {
      text.append(buffer, offset, length);
      if (text.indexOf("Ctrl-C stops it.") >= 0) {
        ready.countDown();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
