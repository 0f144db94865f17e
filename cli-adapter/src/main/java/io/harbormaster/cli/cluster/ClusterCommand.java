package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.harbormaster.cli.output.Output;
import io.harbormaster.core.discovery.DiscoveryException;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.port.GitOpsException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a cluster: connects as kubectl would, checks the cluster serves
 * Harbormaster's kinds, runs, and turns expected failures into one line on stderr and an exit code.
 */
@Command(
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the operation ended Failed, or could not be done (e.g. an invalid ManagedApp)",
      "2:usage error",
      "3:the app or request was not found",
      "4:cannot reach the cluster, or the Harbormaster CRDs are not installed",
      "5:timed out while waiting"
    })
abstract class ClusterCommand implements Callable<Integer> {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  private boolean help;

  @Mixin ClusterOptions options;
  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    InputChecks checks = new InputChecks(spec);
    options.check(checks);
    check(checks);
    try (Cluster cluster = options.connect()) {
      try {
        cluster.requireHarbormaster();
        return run(cluster, new Output(options.output(), spec.commandLine().getOut()));
      } catch (KubernetesClientException error) {
        throw ClusterErrors.describe(error, cluster.url());
      }
    } catch (CommandFailure failure) {
      return fail(err, failure.getMessage(), failure.exitCode());
    } catch (InvalidSpecException | DiscoveryException | GitOpsException cannotBeDone) {
      return fail(err, cannotBeDone.getMessage(), ExitCodes.FAILED);
    }
  }

  /**
   * Checks the command's own parameters and flags, before anything is asked of the cluster: a value
   * no request could run with is refused here, not created.
   */
  void check(InputChecks checks) {}

  /** The command's work; returns its exit code. */
  abstract int run(Cluster cluster, Output output) throws InterruptedException;

  /** Where progress goes: with the output for people, on stderr when stdout is a document. */
  PrintWriter progress(Output output) {
    return output.forPeople() ? output.writer() : spec.commandLine().getErr();
  }

  private static int fail(PrintWriter err, String message, int code) {
    err.println("error: " + message);
    err.flush();
    return code;
  }
}
