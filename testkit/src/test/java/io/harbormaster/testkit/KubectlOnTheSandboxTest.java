package io.harbormaster.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl, pointed at the sandbox with the kubeconfig it writes, finds Harbormaster's resource
 * types through discovery and lists them, as hm's messages tell users to.
 */
@Tag("both-api-servers")
class KubectlOnTheSandboxTest {
  @TempDir static Path work;

  private static HarbormasterSandbox sandbox;
  private static Path kubeconfig;

  @BeforeAll
  static void start() {
    sandbox = HarbormasterSandbox.start(work.resolve("cluster"), Set.of());
    sandbox.web("1.0.0", "1m");
    sandbox.upgrade("apps", "web-to-1-1-0", "web", "1.1.0");
    kubeconfig = sandbox.writeKubeconfig(work.resolve("kubeconfig"), "apps");
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void kubectlListsTheRequestsAndAppsByTheirResourceNames() throws Exception {
    assertThat(kubectl("get", "upgraderequests", "-o", "name"))
        .isEqualTo("upgraderequest.harbormaster.io/web-to-1-1-0\n");
    assertThat(kubectl("get", "managedapps.harbormaster.io", "-A", "-o", "name"))
        .isEqualTo("managedapp.harbormaster.io/web\n");
    assertThat(kubectl("get", "upgraderequests")).startsWith("NAME").contains("web-to-1-1-0");
  }

  /** kubectl's output; fails the test on a non-zero exit, with what it printed. */
  private static String kubectl(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("kubectl ended").isTrue();
    assertThat(process.exitValue()).as("kubectl %s: %s", command, output).isZero();
    return output;
  }
}
