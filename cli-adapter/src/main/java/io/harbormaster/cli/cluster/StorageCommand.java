package io.harbormaster.cli.cluster;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hm storage}: what the StoragePolicies found and did, and what they would do now. */
@Command(
    name = "storage",
    description = {
      "Show the StoragePolicies' PVCs: their last pass (status) or a pass now (plan)."
    },
    subcommands = {StorageStatusCommand.class, StoragePlanCommand.class})
public final class StorageCommand implements Runnable {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  private boolean help;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "hm storage needs a subcommand: status or plan");
  }
}
