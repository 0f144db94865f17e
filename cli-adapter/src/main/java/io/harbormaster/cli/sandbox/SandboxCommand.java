package io.harbormaster.cli.sandbox;

import io.harbormaster.api.mapping.GoDuration;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import io.harbormaster.testkit.HarbormasterSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hm sandbox}: the demo's simulated cluster, kept running with the operator and both sample
 * apps, and a kubeconfig for it, so the cluster commands ({@code hm apps}, {@code hm upgrade
 * --wait}, ...) can be tried by hand exactly as on a real cluster.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Run a simulated cluster with Harbormaster's operator and two sample apps in this process, and write a"
          + " kubeconfig for it, so the other hm commands can be tried against it. Runs until Ctrl-C (or --for)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped at the end of --for",
      "1:the sandbox could not start",
      "2:bad usage",
      "130:stopped by Ctrl-C, as any program it interrupts"
    })
public final class SandboxCommand implements Callable<Integer> {
  private static final String NAMESPACE = "apps";

  @Spec private CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--kubeconfig-out",
      paramLabel = "FILE",
      defaultValue = "hm-sandbox.kubeconfig",
      description =
          "Where to write the sandbox's kubeconfig (default: ${DEFAULT-VALUE}); deleted when the sandbox stops.")
  private Path kubeconfig;

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      description = "Stop by itself after this long, e.g. 10m (default: run until Ctrl-C).")
  private String runFor;

  @Mixin private ApiServerOption apiServer;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<Duration> limit = limit();
    ApiServerKind kind = apiServer.kind();
    out.println(
        "SIMULATION on "
            + kind.description()
            + ": hm sandbox runs a simulated cluster in this process ("
            + kind.description()
            + ", simulated Flux,");
    out.println(
        "workload controllers, kubelet and CSI snapshotter, a git server on loopback) with Harbormaster's real operator.");
    out.flush();
    StopSignal stop = StopSignal.onShutdown();
    boolean interrupted = false;
    Optional<String> written = Optional.empty();
    try (HarbormasterSandbox sandbox =
        HarbormasterSandbox.startInTemporaryFolder(Set.of(HarbormasterSandbox.BROKEN_TAG), kind)) {
      sandbox.startOperator();
      out.println(
          "Installing apps/web (Deployment + PVC, image tag 1.0.0) and db/postgres (HelmRelease chart 1.0.0, 3 replicas)...");
      out.flush();
      sandbox.web("1.0.0", "30s");
      sandbox.postgres("1.0.0", 3, "1m");
      written = Optional.of(Files.readString(sandbox.writeKubeconfig(kubeconfig, NAMESPACE)));
      printTryThis(out);
      // An interrupt is a stop request too; the flag is restored once the sandbox is closed, not
      // before, so that closing it is not cut short.
      interrupted = !stop.await(limit);
      out.println("Stopping the sandbox.");
      out.flush();
    } catch (IOException | RuntimeException e) {
      spec.commandLine().getErr().println("error: the sandbox could not start: " + e.getMessage());
      return 1;
    } finally {
      written.ifPresent(this::deleteKubeconfig);
      stop.done();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return 0;
  }

  private void printTryThis(PrintWriter out) {
    String with = " --kubeconfig " + kubeconfig;
    out.printf("Ready. Its kubeconfig is %s (namespace %s). Try:%n", kubeconfig, NAMESPACE);
    out.println("  ./hm apps -A" + with);
    out.println("  ./hm discover postgres -n db" + with);
    out.println("  ./hm upgrade web --to 1.1.0 --wait" + with);
    out.println(
        "  ./hm upgrade web --to "
            + HarbormasterSandbox.BROKEN_TAG
            + " --wait"
            + with
            + "      # never gets Ready: watch the auto-rollback");
    out.println("  ./hm upgrade postgres -n db --to 2.0.0 --wait" + with);
    out.println(
        "  ./hm upgrade postgres -n db --to "
            + PostgresChart.BROKEN_VERSION
            + " --wait"
            + with
            + "   # its pods never start: Helm gives up after 30s, watch the rollback");
    out.println("Ctrl-C stops it.");
    out.flush();
  }

  private Optional<Duration> limit() {
    try {
      return Optional.ofNullable(runFor).map(text -> GoDuration.parse("--for", text));
    } catch (RuntimeException invalid) {
      throw new CommandLine.ParameterException(spec.commandLine(), invalid.getMessage());
    }
  }

  /** Deletes the kubeconfig unless something else (another sandbox, say) has rewritten it since. */
  private void deleteKubeconfig(String written) {
    try {
      if (Files.exists(kubeconfig) && Files.readString(kubeconfig).equals(written)) {
        Files.delete(kubeconfig);
      }
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println("note: could not delete " + kubeconfig + ": " + e.getMessage());
    }
  }

  /**
   * Ctrl-C runs the JVM's shutdown hooks while the command still holds the sandbox: the hook asks
   * the command to stop and waits (briefly) for it to close the sandbox, so no folder or kubeconfig
   * is left.
   */
  private static final class StopSignal {
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook;

    private StopSignal() {
      hook =
          new Thread(
              () -> {
                stopRequested.countDown();
                try {
                  stopped.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "hm-sandbox-stop");
    }

    static StopSignal onShutdown() {
      StopSignal signal = new StopSignal();
      Runtime.getRuntime().addShutdownHook(signal.hook);
      return signal;
    }

    /** Until Ctrl-C, or {@code limit} has passed; false when the wait was interrupted instead. */
    boolean await(Optional<Duration> limit) {
      try {
        if (limit.isPresent()) {
          stopRequested.await(limit.get().toMillis(), TimeUnit.MILLISECONDS);
        } else {
          stopRequested.await();
        }
        return true;
      } catch (InterruptedException e) {
        return false;
      }
    }

    void done() {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is what is running: nothing to remove
      }
    }
  }
}
