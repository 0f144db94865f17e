package io.harbormaster.cli.demo;

import io.harbormaster.cli.sandbox.ApiServerOption;
import io.harbormaster.testkit.HarbormasterSandbox;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hm demo}: exit code 0 only when every chosen scenario ended as it should. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a GitOps upgrade of a sample app on a simulated cluster inside this process, through"
          + " Harbormaster's real operator. --scenario chooses another: a failed upgrade and its"
          + " rollback, a multi-workload Helm upgrade, or all three.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every scenario ended as it should",
      "1:a scenario did not (its FAILED lines say which check)",
      "2:bad usage, e.g. an unknown scenario"
    })
public final class DemoCommand implements Callable<Integer> {
  private static final String ALL = "all";

  @Spec private CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--scenario",
      defaultValue = "happy",
      paramLabel = "NAME",
      completionCandidates = ScenarioNames.class,
      description =
          "happy, broken-upgrade, helm-multi-workload or all (default: ${DEFAULT-VALUE}).")
  private String scenario;

  @Mixin private ApiServerOption apiServer;

  @Override
  public Integer call() throws InterruptedException {
    List<DemoScenario> chosen = chosen();
    Demo demo =
        new Demo(
            spec.commandLine().getOut(), Set.of(HarbormasterSandbox.BROKEN_TAG), apiServer.kind());
    return demo.run(chosen) ? 0 : 1;
  }

  private List<DemoScenario> chosen() {
    if (ALL.equals(scenario)) {
      return Demo.SCENARIOS;
    }
    return Demo.SCENARIOS.stream()
        .filter(candidate -> candidate.name().equals(scenario))
        .findFirst()
        .map(List::of)
        .orElseThrow(
            () ->
                new CommandLine.ParameterException(
                    spec.commandLine(),
                    "unknown --scenario '"
                        + scenario
                        + "': choose one of "
                        + String.join(", ", new ScenarioNames())));
  }

  /** The values {@code --scenario} takes, for help and shell completion. */
  static final class ScenarioNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.stream.Stream.concat(
              Demo.SCENARIOS.stream().map(DemoScenario::name), java.util.stream.Stream.of(ALL))
          .iterator();
    }
  }
}
