package io.harbormaster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a kubeconfig can be unusable is one line naming the file, never quoting its content. */
class KubeconfigFilesTest {
  private static final String CONTEXT =
      """
      apiVersion: v1
      kind: Config
      clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
      users: [{name: u, user: {token: a-secret-token}}]
      contexts: [{name: ctx, context: {cluster: c, user: u}}]
      """;

  @TempDir Path home;

  @Test
  void aFileGivenWithTheFlagIsNamedByTheFlag() throws IOException {
    Path empty = Files.writeString(home.resolve("empty"), "\n");

    assertThatThrownBy(() -> option(empty).check(Optional.empty()))
        .isInstanceOf(CommandFailure.class)
        .hasMessage(
            "--kubeconfig "
                + empty
                + " is empty: write a kubeconfig there (kubectl config view --raw), or give another");
  }

  @Test
  void aFileThatIsNotAKubeconfigIsRefusedWithoutQuotingIt() throws IOException {
    Path passwd =
        Files.writeString(
            home.resolve("passwd"), "root:x:0:0:token a-secret-token:/root:/bin/sh\n");
    Path notYaml = Files.writeString(home.resolve("broken"), "users: [{token: a-secret-token\n");

    for (Path file : new Path[] {passwd, notYaml}) {
      assertThatThrownBy(() -> option(file).check(Optional.empty()))
          .hasMessage(
              "--kubeconfig "
                  + file
                  + " is not a kubeconfig (a YAML document of kind Config): give the path of one, as"
                  + " for kubectl")
          .hasMessageNotContaining("a-secret-token");
    }
  }

  @Test
  void aFolderOrAMissingFileIsNotReadable() {
    assertThatThrownBy(() -> option(home).check(Optional.empty()))
        .hasMessage(
            "--kubeconfig "
                + home
                + " is not a readable file: give the path of a kubeconfig, as for kubectl");
  }

  @Test
  void aKubeconfigWithoutCurrentContextNeedsTheContextFlag() throws IOException {
    Path config = Files.writeString(home.resolve("config"), CONTEXT);

    assertThatThrownBy(() -> option(config).check(Optional.empty()))
        .hasMessage(
            "--kubeconfig "
                + config
                + " has no current-context: pass --context NAME, or choose one with 'kubectl config"
                + " use-context'");
    option(config).check(Optional.of("ctx"));
  }

  @Test
  void everyFileOfTheVariableIsCheckedAndNamedByItsPath() throws IOException {
    Path good = Files.writeString(home.resolve("good"), CONTEXT + "current-context: ctx\n");
    Path empty = Files.writeString(home.resolve("empty"), "");

    KubeconfigFiles files =
        KubeconfigFiles.of(
            Optional.empty(),
            Map.of("KUBECONFIG", good + ":" + empty + ":" + home.resolve("gone")));

    assertThat(files.found()).isTrue();
    assertThatThrownBy(() -> files.check(Optional.empty()))
        .hasMessageStartingWith(empty + " is empty");
  }

  @Test
  void withNoFlagNoVariableAndNoHomeConfigNoneIsFound() {
    KubeconfigFiles files = KubeconfigFiles.of(Optional.empty(), Map.of("HOME", home.toString()));

    assertThat(files.found()).isFalse();
    assertThat(files.noneFound())
        .hasMessage(
            "no kubeconfig found ("
                + home.resolve(".kube").resolve("config")
                + " does not exist): give --kubeconfig FILE or set $KUBECONFIG, as for kubectl");
    assertThat(files.noneFound().exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
  }

  private static KubeconfigFiles option(Path file) {
    return KubeconfigFiles.of(Optional.of(file), Map.of());
  }
}
