package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kubeconfig files kubectl would read ({@code --kubeconfig}, else each file of {@code
 * $KUBECONFIG}, else {@code ~/.kube/config}), each checked before the client reads it, so that a
 * missing, empty or broken file is one line naming it. A message never quotes the file's content:
 * it may hold credentials.
 */
final class KubeconfigFiles {
  private final List<Path> files;
  private final String source;
  private final boolean fromOption;

  private KubeconfigFiles(List<Path> files, String source, boolean fromOption) {
    this.files = files;
    this.source = source;
    this.fromOption = fromOption;
  }

  /** The files {@code --kubeconfig} or else the environment names. */
  static KubeconfigFiles of(Optional<Path> option, Map<String, String> environment) {
    if (option.isPresent()) {
      return new KubeconfigFiles(List.of(option.get()), "--kubeconfig " + option.get(), true);
    }
    String variable = environment.getOrDefault("KUBECONFIG", "");
    if (!variable.isBlank()) {
      List<Path> listed =
          Arrays.stream(variable.split(File.pathSeparator))
              .filter(entry -> !entry.isBlank())
              .map(Path::of)
              .filter(Files::exists)
              .toList();
      return new KubeconfigFiles(listed, "$KUBECONFIG " + variable, false);
    }
    Path home =
        Path.of(
            environment.getOrDefault("HOME", System.getProperty("user.home")), ".kube", "config");
    return new KubeconfigFiles(
        Files.exists(home) ? List.of(home) : List.of(), home.toString(), false);
  }

  /** Whether there is any file to read; without one, only an in-cluster client is possible. */
  boolean found() {
    return !files.isEmpty();
  }

  /** Why there is no client to make when no file was found and this is not a pod. */
  CommandFailure noneFound() {
    return CommandFailure.unreachable(
        "no kubeconfig found ("
            + source
            + " does not exist): give --kubeconfig FILE or set $KUBECONFIG, as for kubectl");
  }

  /** Where the files came from, for a message: {@code --kubeconfig F}, {@code $KUBECONFIG ...}. */
  String source() {
    return source;
  }

  /**
   * Checks that every file can be read as a kubeconfig and that, with {@code context} or its own
   * current-context, one of them names a context to use.
   *
   * @throws CommandFailure (exit 4) naming the file and what is wrong with it
   */
  void check(Optional<String> context) {
    boolean namesAContext = context.isPresent();
    for (Path file : files) {
      Config parsed = parse(file, fromOption ? source : file.toString());
      namesAContext |= parsed.getCurrentContext() != null && !parsed.getCurrentContext().isBlank();
    }
    if (!namesAContext) {
      throw CommandFailure.unreachable(
          source
              + " has no current-context: pass --context NAME, or choose one with 'kubectl config"
              + " use-context'");
    }
  }

  /** {@code file} read as a kubeconfig; {@code name} is how messages call it. */
  private static Config parse(Path file, String name) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw CommandFailure.unreachable(
          name + " is not a readable file: give the path of a kubeconfig, as for kubectl");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException unreadable) {
      throw CommandFailure.unreachable(
          name + " cannot be read as text: give the path of a kubeconfig, as for kubectl");
    }
    if (text.isBlank()) {
      throw CommandFailure.unreachable(
          name
              + " is empty: write a kubeconfig there (kubectl config view --raw), or give another");
    }
    Config parsed;
    try {
      parsed = KubeConfigUtils.parseConfigFromString(text);
    } catch (RuntimeException notAKubeconfig) {
      parsed = null;
    }
    if (parsed == null || !"Config".equals(parsed.getKind())) {
      throw CommandFailure.unreachable(
          name
              + " is not a kubeconfig (a YAML document of kind Config): give the path of one, as for"
              + " kubectl");
    }
    return parsed;
  }
}
