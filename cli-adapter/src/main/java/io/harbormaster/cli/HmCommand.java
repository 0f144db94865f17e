package io.harbormaster.cli;

import io.harbormaster.cli.cluster.AppsCommand;
import io.harbormaster.cli.cluster.CancelCommand;
import io.harbormaster.cli.cluster.DiscoverCommand;
import io.harbormaster.cli.cluster.ResumeAutomationCommand;
import io.harbormaster.cli.cluster.RollbackCommand;
import io.harbormaster.cli.cluster.StatusCommand;
import io.harbormaster.cli.cluster.StorageCommand;
import io.harbormaster.cli.cluster.UpgradeCommand;
import io.harbormaster.cli.demo.DemoCommand;
import io.harbormaster.cli.output.RedactedWriter;
import io.harbormaster.cli.sandbox.SandboxCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hm}: Harbormaster's command line. */
@Command(
    name = "hm",
    mixinStandardHelpOptions = true,
    version = HmCommand.VERSION,
    description = "Safe, reversible upgrades of stateful Flux apps.",
    subcommands = {
      DemoCommand.class,
      SandboxCommand.class,
      AppsCommand.class,
      DiscoverCommand.class,
      UpgradeCommand.class,
      RollbackCommand.class,
      StatusCommand.class,
      CancelCommand.class,
      ResumeAutomationCommand.class,
      StorageCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class HmCommand implements Runnable {
  static final String VERSION = "hm 0.1.0";

  private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Before any logger exists: logback's default configuration would print every log on stdout.
    if (System.getProperty(LOGBACK_CONFIGURATION) == null) {
      System.setProperty(LOGBACK_CONFIGURATION, "hm-logback.xml");
    }
    System.exit(commandLine().execute(args));
  }

  /**
   * The configured command line, as main runs it (tests call this too). Whatever a command prints
   * passes the one redaction: the writers are wrapped when it runs, so writers set after this call
   * (as tests do) are covered too.
   */
  public static CommandLine commandLine() {
    CommandLine cli =
        new CommandLine(new HmCommand())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setParameterExceptionHandler(UserErrors::usage)
            .setExecutionExceptionHandler(UserErrors::unexpected);
    cli.setExecutionStrategy(
        parsed -> {
          cli.setOut(RedactedWriter.around(cli.getOut()));
          cli.setErr(RedactedWriter.around(cli.getErr()));
          return new CommandLine.RunLast().execute(parsed);
        });
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'hm demo'");
  }
}
