package io.harbormaster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.cli.cluster.HmOnSandbox.Result;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a user gets for a mistake on the command line: the exit code and one {@code error:} line
 * naming the parameter or flag they typed (a usage error adds where its usage is), and nothing
 * created in the cluster or committed to git. The same table is in docs/cli.md.
 */
@Tag("both-api-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  private static final String NAME_RULE =
      " is not a valid object name: use lower-case letters, digits, '-' and '.', start and end with"
          + " a letter or digit, at most 253 characters";
  private static final String NAMESPACE_RULE =
      " is not a valid namespace: use lower-case letters, digits and '-', start and end with a"
          + " letter or digit, at most 63 characters";
  private static final String TAG_RULE =
      " is not a valid version or tag: use letters, digits, '_', '.', '+' and '-', not starting"
          + " with '.', '+' or '-', at most 128 characters";

  private Path work;
  private HmOnSandbox cluster;

  @BeforeAll
  void start() throws Exception {
    work = Files.createTempDirectory("hm-bad-input");
    cluster = HmOnSandbox.start(work);
    cluster.web("1.0.0", "1m");
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  static Stream<Arguments> mistakes() {
    String longTag = "1".repeat(129);
    String longName = "a".repeat(254);
    return Stream.of(
        usage("APP ''" + NAME_RULE, "discover", ""),
        usage("APP ''" + NAME_RULE, "upgrade", "", "--to", "1.1.0"),
        usage("REQUEST ''" + NAME_RULE, "status", ""),
        usage("UPGRADE ''" + NAME_RULE, "rollback", ""),
        usage("APP 'web;rm -rf /'" + NAME_RULE, "discover", "web;rm -rf /"),
        usage("APP '../../etc/passwd'" + NAME_RULE, "discover", "../../etc/passwd"),
        usage("APP 'Web'" + NAME_RULE, "discover", "Web"),
        usage("APP 'web-'" + NAME_RULE, "upgrade", "web-", "--to", "1.1.0"),
        usage("APP 'a_b'" + NAME_RULE, "discover", "a_b"),
        usage("APP '" + longName + "'" + NAME_RULE, "discover", longName),
        usage("REQUEST 'ü😀'" + NAME_RULE, "status", "ü😀"),
        usage("REQUEST 'up/../x'" + NAME_RULE, "status", "up/../x"),
        usage("UPGRADE 'UP'" + NAME_RULE, "rollback", "UP"),
        usage("--namespace ''" + NAMESPACE_RULE, "apps", "-n", ""),
        usage("--namespace 'ns with space'" + NAMESPACE_RULE, "apps", "-n", "ns with space"),
        usage("--namespace 'Apps'" + NAMESPACE_RULE, "discover", "web", "-n", "Apps"),
        usage("--namespace 'a.b'" + NAMESPACE_RULE, "status", "x", "--namespace", "a.b"),
        usage(
            "--namespace '" + "n".repeat(64) + "'" + NAMESPACE_RULE, "apps", "-n", "n".repeat(64)),
        usage("--to ''" + TAG_RULE, "upgrade", "web", "--to", ""),
        usage("--to 'bad version!'" + TAG_RULE, "upgrade", "web", "--to", "bad version!"),
        usage("--to '" + longTag + "'" + TAG_RULE, "upgrade", "web", "--to", longTag),
        usage("--to '-1.0'" + TAG_RULE, "upgrade", "web", "--to=-1.0"),
        usage("--to '.1'" + TAG_RULE, "upgrade", "web", "--to", ".1"),
        usage("--to '1.0\\nx'" + TAG_RULE, "upgrade", "web", "--to", "1.0\nx"),
        usage("--to 'v1:latest'" + TAG_RULE, "upgrade", "web", "--to", "v1:latest"),
        usage(
            "--name 'Bad_Name!'" + NAME_RULE,
            "upgrade",
            "web",
            "--to",
            "1.1.0",
            "--name",
            "Bad_Name!"),
        usage(
            "--name '" + longName + "'" + NAME_RULE,
            "upgrade",
            "web",
            "--to",
            "1.1.0",
            "--name",
            longName),
        usage("--name 'Back'" + NAME_RULE, "rollback", "some-upgrade", "--name", "Back"),
        usage(
            "--to is missing and ManagedApp apps/web has no autoUpdate policy to choose a version:"
                + " give --to VERSION, or set spec.autoUpdate to patch, minor or major",
            "upgrade",
            "web"),
        usage(
            "Invalid value for option '--timeout': 'abc' is not a duration: write it like 90s, 5m"
                + " or 1h30m",
            "upgrade",
            "web",
            "--to",
            "1.1.0",
            "--timeout",
            "abc"),
        usage("Missing required parameter: 'REQUEST'", "status"),
        usage("Missing required parameter: 'APP'", "discover"),
        usage("Unmatched arguments from index 0: 'frobnicate'", "frobnicate"),
        usage("Unknown option: '--frob'", "apps", "--frob"),
        usage("Unmatched argument at index 2: 'extra'", "discover", "web", "extra"),
        usage(
            "Invalid value for option '--output': 'xml' is not an output format: use table, json or"
                + " yaml",
            "apps",
            "-o",
            "xml"),
        refused(3, "ManagedApp apps/nope not found", "discover", "nope"),
        refused(3, "ManagedApp apps/nope not found", "upgrade", "nope", "--to", "1.1.0"),
        refused(3, "ManagedApp other/web not found", "discover", "web", "-n", "other"),
        usage("REQUEST ''" + NAME_RULE, "cancel", ""),
        usage("REQUEST 'Bad!'" + NAME_RULE, "cancel", "Bad!"),
        usage("APP ' web'" + NAME_RULE, "discover", " web"),
        usage("APP 'Web!'" + NAME_RULE, "resume-automation", "Web!"),
        usage("Missing required parameter: 'APP'", "resume-automation"),
        refused(3, "ManagedApp apps/nope not found", "resume-automation", "nope"),
        usage("UPGRADE 'a b'" + NAME_RULE, "rollback", "a b"),
        usage("--namespace ''" + NAMESPACE_RULE, "discover", "web", "-n", ""),
        usage("--namespace 'ns/../x'" + NAMESPACE_RULE, "status", "x", "-n", "ns/../x"),
        usage("--namespace '-apps'" + NAMESPACE_RULE, "cancel", "x", "-n=-apps"),
        usage("--to 'ü'" + TAG_RULE, "upgrade", "web", "--to", "ü"),
        usage("--to '1.0 '" + TAG_RULE, "upgrade", "web", "--to", "1.0 "),
        usage("--name ''" + NAME_RULE, "upgrade", "web", "--to", "1.1.0", "--name", ""),
        usage("--name '-x'" + NAME_RULE, "upgrade", "web", "--to", "1.1.0", "--name=-x"),
        usage("Missing required parameter: 'APP'", "upgrade"),
        usage("Missing required parameter: 'UPGRADE'", "rollback"),
        usage("Missing required parameter: 'REQUEST'", "cancel"),
        usage("Unmatched argument at index 1: 'extra'", "apps", "extra"),
        usage("Unknown option: '--force'", "cancel", "x", "--force"),
        usage("Unknown option: '--wait'", "discover", "web", "--wait"),
        usage(
            "Invalid value for option '--timeout': '10' is not a duration: write it like 90s, 5m"
                + " or 1h30m",
            "status",
            "x",
            "--watch",
            "--timeout",
            "10"),
        usage(
            "Invalid value for option '--output': 'xml' is not an output format: use table, json or"
                + " yaml",
            "upgrade",
            "web",
            "--to",
            "1.1.0",
            "-o",
            "xml"),
        refused(3, "no UpgradeRequest or RollbackRequest apps/nope found", "status", "nope"),
        refused(3, "no UpgradeRequest or RollbackRequest apps/nope found", "cancel", "nope"),
        refused(3, "UpgradeRequest apps/nope not found", "rollback", "nope"));
  }

  @ParameterizedTest(name = "hm {1}")
  @MethodSource("mistakes")
  void aMistakeGetsOneLineItsExitCodeAndChangesNothing(
      int exitCode, String args, String[] argv, String line) {
    int upgrades =
        cluster.client.resources(UpgradeRequest.class).inAnyNamespace().list().getItems().size();
    int rollbacks =
        cluster.client.resources(RollbackRequest.class).inAnyNamespace().list().getItems().size();
    String tip = cluster.sandbox.fleet().log(SandboxCluster.BRANCH).get(0).getName();

    Result result = cluster.hm(argv);

    assertThat(result.code()).as(result.toString()).isEqualTo(exitCode);
    assertThat(result.out()).as(result.toString()).isEmpty();
    String[] lines = result.err().split("\n");
    assertThat(lines[0]).as(result.toString()).startsWith("error: " + line);
    assertThat(lines)
        .as("one line, and for a usage error where the usage is: " + result)
        .hasSize(exitCode == 2 ? 2 : 1);
    if (exitCode == 2) {
      assertThat(lines[1]).matches("See 'hm( [a-z-]+)? --help' for its usage\\.");
    }
    assertThat(cluster.client.resources(UpgradeRequest.class).inAnyNamespace().list().getItems())
        .hasSize(upgrades);
    assertThat(cluster.client.resources(RollbackRequest.class).inAnyNamespace().list().getItems())
        .hasSize(rollbacks);
    assertThat(cluster.sandbox.fleet().log(SandboxCluster.BRANCH).get(0).getName()).isEqualTo(tip);
  }

  private static Arguments usage(String line, String... argv) {
    return refused(2, line, argv);
  }

  private static Arguments refused(int exitCode, String line, String... argv) {
    return Arguments.of(exitCode, String.join(" ", argv), argv, line);
  }
}
