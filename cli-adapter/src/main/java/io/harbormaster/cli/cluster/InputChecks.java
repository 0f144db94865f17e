package io.harbormaster.cli.cluster;

import io.harbormaster.core.model.KubernetesNames;
import io.harbormaster.core.model.TargetVersion;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line's values checked with core's rules before anything is asked of the cluster: a
 * value that breaks one is a usage error naming the parameter or flag the user typed (exit 2), and
 * no value reaches an API path unchecked.
 */
final class InputChecks {
  private final CommandSpec spec;

  InputChecks(CommandSpec spec) {
    this.spec = spec;
  }

  /** {@code label} (e.g. {@code APP} or {@code --name}) holds an object's name. */
  InputChecks objectName(String label, String value) {
    return check(label, value, KubernetesNames::objectNameProblem);
  }

  /** {@code label} holds a namespace. */
  InputChecks namespace(String label, String value) {
    return check(label, value, KubernetesNames::namespaceProblem);
  }

  /** {@code label} holds a version or image tag. */
  InputChecks versionOrTag(String label, String value) {
    return check(label, value, TargetVersion::tagProblem);
  }

  private InputChecks check(
      String label, String value, Function<String, Optional<String>> problemWith) {
    if (value != null) {
      problemWith
          .apply(value)
          .ifPresent(
              problem -> {
                throw new CommandLine.ParameterException(
                    spec.commandLine(), label + " " + quoted(value) + " " + problem);
              });
    }
    return this;
  }

  /** {@code value} in quotes, its control characters escaped so that the message stays one line. */
  static String quoted(String value) {
    StringBuilder quoted = new StringBuilder("'");
    value
        .codePoints()
        .forEach(
            c -> {
              if (c == '\n') {
                quoted.append("\\n");
              } else if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", c));
              } else {
                quoted.appendCodePoint(c);
              }
            });
    return quoted.append('\'').toString();
  }
}
