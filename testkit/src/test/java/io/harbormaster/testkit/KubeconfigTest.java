package io.harbormaster.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {
  private static final Config CLIENT =
      new ConfigBuilder().withMasterUrl("https://127.0.0.1:6443/").withOauthToken("t0ken").build();

  @TempDir Path folder;

  @Test
  void onlyItsOwnerCanReadIt() throws IOException {
    Path file = Kubeconfig.write(folder.resolve("hm-sandbox.kubeconfig"), CLIENT, "apps");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).contains("token: t0ken").contains("namespace: apps");
  }

  @Test
  void aWiderFileThereIsReplacedByAnOwnerOnlyOne() throws IOException {
    Path file = folder.resolve("hm-sandbox.kubeconfig");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Kubeconfig.write(file, CLIENT, "apps");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file))
        .startsWith("apiVersion: v1\nkind: Config\n")
        .contains("token: t0ken");
  }

  @Test
  void leavesNothingElseInTheFolder() throws IOException {
    Kubeconfig.write(folder.resolve("hm-sandbox.kubeconfig"), CLIENT, "apps");
    Kubeconfig.write(folder.resolve("hm-sandbox.kubeconfig"), CLIENT, "db");

    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).containsExactly(folder.resolve("hm-sandbox.kubeconfig"));
    }
    assertThat(Files.readString(folder.resolve("hm-sandbox.kubeconfig"))).contains("namespace: db");
  }

  @Test
  void aFolderThatDoesNotExistIsNamed() {
    Path file = folder.resolve("missing").resolve("hm-sandbox.kubeconfig");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Kubeconfig.write(file, CLIENT, "apps"))
        .hasMessageStartingWith("cannot write a kubeconfig to " + file);
  }
}
