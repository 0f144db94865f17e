package io.harbormaster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code hm version}: what {@code hm --version} prints, as kubectl and flux have it. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print hm's version.")
public final class VersionCommand implements Callable<Integer> {
  @Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(HmCommand.VERSION);
    return 0;
  }
}
