package io.harbormaster.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hm}: Harbormaster's command line. */
@Command(
    name = "hm",
    mixinStandardHelpOptions = true,
    version = "hm 0.1.0",
    description = "Safe, reversible upgrades of stateful Flux apps.",
    subcommands = {SampleCommand.class})
public final class HmCommand implements Runnable {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, as main runs it (tests call this too). */
  public static CommandLine commandLine() {
    return new CommandLine(new HmCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'hm sample'");
  }
}
