package io.harbormaster.cli;

import io.harbormaster.core.redaction.Redaction;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * What a user sees when a command cannot run: one {@code error:} line, never a Java stack trace. A
 * usage error adds where to read the usage (exit 2); anything unexpected says it is a bug (exit 1),
 * and its stack trace goes to the log, which {@code HM_LOG_LEVEL=debug} shows.
 */
final class UserErrors {
  private static final Logger LOG = LoggerFactory.getLogger(UserErrors.class);

  private UserErrors() {}

  static int usage(CommandLine.ParameterException error, String[] args) {
    CommandLine command = error.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("error: " + Redaction.redact(error.getMessage()));
    err.println("See '" + command.getCommandSpec().qualifiedName() + " --help' for its usage.");
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  static int unexpected(Exception error, CommandLine command, CommandLine.ParseResult parsed) {
    LOG.debug("{} failed", command.getCommandSpec().qualifiedName(), error);
    PrintWriter err = command.getErr();
    String message = error.getMessage() == null ? "" : ": " + error.getMessage();
    err.println(
        "error: "
            + Redaction.redact(error.getClass().getSimpleName() + message)
            + " (a bug in hm: HM_LOG_LEVEL=debug shows where)");
    err.flush();
    return command.getCommandSpec().exitCodeOnExecutionException();
  }
}
