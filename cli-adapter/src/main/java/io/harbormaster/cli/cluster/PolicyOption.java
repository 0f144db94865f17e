package io.harbormaster.cli.cluster;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --policy P}: the storage commands' choice of one StoragePolicy. */
final class PolicyOption {
  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      description = "Only this StoragePolicy of the namespace.")
  private String policy;

  Optional<String> name() {
    return Optional.ofNullable(policy);
  }
}
