package io.harbormaster.registry.helm;

import static io.harbormaster.registry.http.LoopbackServer.redirect;
import static io.harbormaster.registry.http.LoopbackServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.port.TargetFinding.Verdict;
import io.harbormaster.registry.http.BasicCredentials;
import io.harbormaster.registry.http.Lookup;
import io.harbormaster.registry.http.LoopbackServer;
import io.harbormaster.registry.http.RegistryHttp;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Helm index client against a real HTTP server serving an index.yaml written here. */
class HelmIndexClientTest {
  private static final BasicCredentials ROBOT = new BasicCredentials("robot", "s3cr3t-pa55word");
  private static final String ROBOT_HEADER =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("robot:s3cr3t-pa55word".getBytes(StandardCharsets.UTF_8));

  private final LoopbackServer server = LoopbackServer.start();
  private final HelmIndexClient client = new HelmIndexClient(RegistryHttp.shared());

  @AfterEach
  void stop() {
    server.close();
  }

  /** An index as Helm writes one, with another chart before and after ours. */
  static String index(String chart, String... versions) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("apiVersion: v1\n");
    yaml.append("entries:\n");
    yaml.append(entries("adminer", "0.1.0"));
    yaml.append(entries(chart, versions));
    yaml.append(entries("redis-extra", "9.9.9"));
    yaml.append("generated: \"2024-05-01T10:00:00Z\"\n");
    return yaml.toString();
  }

  private static String entries(String chart, String... versions) {
    StringBuilder yaml = new StringBuilder("  " + chart + ":\n");
    for (String version : versions) {
      yaml.append("  - apiVersion: v2\n");
      yaml.append("    name: ").append(chart).append('\n');
      yaml.append("    version: ").append(version).append('\n');
      yaml.append("    appVersion: \"16.2\"\n");
      yaml.append("    created: \"2024-05-01T10:00:00Z\"\n");
      yaml.append("    digest: 4f1c0a0f0e0d0c0b0a09080706050403020100ffeeddccbbaa99887766554433\n");
      yaml.append("    urls:\n");
      yaml.append("    - charts/").append(chart).append('-').append(version).append(".tgz\n");
    }
    return yaml.toString();
  }

  private void serve(String path, String index) {
    server.on(path, exchange -> send(exchange, 200, index));
  }

  private Lookup check(String chart, String version) {
    return client.check(server.url(), chart, version, Optional.empty());
  }

  @Test
  void aVersionTheIndexListsIsAvailable() {
    serve("/index.yaml", index("postgres", "1.0.0", "1.1.0", "2.0.0"));

    assertThat(check("postgres", "1.1.0")).isEqualTo(Lookup.found());
  }

  @Test
  void aVersionTheIndexLacksIsMissingAndTheNewestPresentAreNamed() {
    serve("/index.yaml", index("postgres", "1.0.0", "2.0.0", "1.1.0"));

    Lookup lookup = check("postgres", "2.1.0");

    assertThat(lookup.verdict()).isEqualTo(Verdict.MISSING);
    assertThat(lookup.detail()).isEqualTo("the index lists 2.0.0, 1.1.0, 1.0.0");
  }

  @Test
  void atMostFiveVersionsAreNamedNewestFirstBySemverNotByText() {
    serve(
        "/index.yaml",
        index(
            "postgres",
            "1.9.0",
            "1.10.0",
            "1.2.0",
            "2.0.0-rc.1",
            "2.0.0",
            "0.9.0",
            "1.10.1",
            "latest"));

    assertThat(check("postgres", "3.0.0").detail())
        .isEqualTo("the index lists 2.0.0, 2.0.0-rc.1, 1.10.1, 1.10.0, 1.9.0 (and 3 more)");
  }

  @Test
  void aChartTheIndexDoesNotHaveIsMissing() {
    serve("/index.yaml", index("postgres", "1.0.0"));

    Lookup lookup = check("mysql", "1.0.0");

    assertThat(lookup.verdict()).isEqualTo(Verdict.MISSING);
    assertThat(lookup.detail())
        .isEqualTo("the index at " + server.hostPort() + " has no chart named 'mysql'");
  }

  @Test
  void aVersionListedWithALeadingVIsTheSameVersionAsHelmMatchesIt() {
    serve("/index.yaml", index("postgres", "v1.2.0"));

    assertThat(check("postgres", "1.2.0").verdict()).isEqualTo(Verdict.AVAILABLE);
    assertThat(check("postgres", "1.2.1").verdict()).isEqualTo(Verdict.MISSING);
  }

  @Test
  void theIndexIsBesideTheRepositoryPathHoweverManySlashesItEndsWith() {
    serve("/charts/stable/index.yaml", index("postgres", "1.0.0"));

    Lookup lookup =
        client.check(
            URI.create(server.url() + "/charts/stable//"), "postgres", "1.0.0", Optional.empty());

    assertThat(lookup).isEqualTo(Lookup.found());
    assertThat(server.requests())
        .extracting(LoopbackServer.Seen::uri)
        .containsExactly("/charts/stable/index.yaml");
  }

  @Test
  void basicCredentialsOpenAnIndexThatNeedsThem() {
    protectedIndex("/index.yaml", index("postgres", "1.0.0"));

    Lookup lookup = client.check(server.url(), "postgres", "1.0.0", Optional.of(ROBOT));

    assertThat(lookup).isEqualTo(Lookup.found());
    assertThat(server.requests())
        .allMatch(seen -> seen.authorization().equals(Optional.of(ROBOT_HEADER)));
  }

  @Test
  void withoutCredentialsAProtectedIndexIsUncheckedNeverMissing() {
    protectedIndex("/index.yaml", index("postgres", "1.0.0"));

    Lookup lookup = check("postgres", "1.0.0");

    assertThat(lookup.verdict()).isEqualTo(Verdict.UNCHECKED);
    assertThat(lookup.detail())
        .isEqualTo(server.hostPort() + " needs credentials Harbormaster does not have (HTTP 401)");
  }

  @Test
  void refusedCredentialsAreNamedByWhereTheyComeFromNeverByValue() {
    protectedIndex("/index.yaml", index("postgres", "1.0.0"));

    Lookup lookup =
        client.check(
            server.url(),
            "postgres",
            "1.0.0",
            Optional.of(new BasicCredentials("robot", "wrong-password")));

    assertThat(lookup.verdict()).isEqualTo(Verdict.UNCHECKED);
    assertThat(lookup.detail())
        .contains("refused the credentials of the HelmRepository's spec.secretRef")
        .doesNotContain("wrong-password")
        .doesNotContain("robot");
  }

  @Test
  void aRedirectToAnotherHostGoesThereWithoutTheCredentials() {
    try (LoopbackServer elsewhere = LoopbackServer.startAsLocalhost()) {
      elsewhere.on(
          "/mirror/index.yaml", exchange -> send(exchange, 200, index("postgres", "1.0.0")));
      server.on(
          "/index.yaml",
          exchange -> redirect(exchange, 302, elsewhere.url() + "/mirror/index.yaml"));

      Lookup lookup = client.check(server.url(), "postgres", "1.0.0", Optional.of(ROBOT));

      assertThat(lookup).isEqualTo(Lookup.found());
      assertThat(server.requests())
          .extracting(LoopbackServer.Seen::authorization)
          .containsExactly(Optional.of(ROBOT_HEADER));
      assertThat(elsewhere.requests())
          .extracting(LoopbackServer.Seen::authorization)
          .containsExactly(Optional.empty());
    }
  }

  @Test
  void aRedirectOnTheSameHostKeepsTheCredentials() {
    server.on("/old/index.yaml", exchange -> redirect(exchange, 301, "/new/index.yaml"));
    protectedIndex("/new/index.yaml", index("postgres", "1.0.0"));

    Lookup lookup =
        client.check(URI.create(server.url() + "/old"), "postgres", "1.0.0", Optional.of(ROBOT));

    assertThat(lookup).isEqualTo(Lookup.found());
  }

  @Test
  void redirectsGoOnForAtMostFiveHops() {
    for (int hop = 0; hop < 6; hop++) {
      String next = "/hop" + (hop + 1) + "/index.yaml";
      server.on("/hop" + hop + "/index.yaml", exchange -> redirect(exchange, 307, next));
    }
    serve("/hop6/index.yaml", index("postgres", "1.0.0"));

    assertThat(
            client.check(URI.create(server.url() + "/hop1"), "postgres", "1.0.0", Optional.empty()))
        .isEqualTo(Lookup.found());
    Lookup tooFar =
        client.check(URI.create(server.url() + "/hop0"), "postgres", "1.0.0", Optional.empty());
    assertThat(tooFar.verdict()).isEqualTo(Verdict.UNCHECKED);
    assertThat(tooFar.detail()).isEqualTo(server.hostPort() + " redirected more than 5 times");
  }

  @Test
  void noIndexAtTheUrlIsUnchecked() {
    Lookup lookup = check("postgres", "1.0.0");

    assertThat(lookup.verdict()).isEqualTo(Verdict.UNCHECKED);
    assertThat(lookup.detail()).isEqualTo(server.hostPort() + " answered HTTP 404 for /index.yaml");
  }

  @Test
  void textThatIsNotYamlIsUnchecked() {
    serve("/index.yaml", "apiVersion: v1\nentries:\n  postgres: [ {version: 1.0.0\n  - : : ]]\n");

    Lookup lookup = check("postgres", "1.0.0");

    assertThat(lookup.verdict()).isEqualTo(Verdict.UNCHECKED);
    assertThat(lookup.detail()).startsWith(server.hostPort() + ": index.yaml is not valid YAML");
  }

  @Test
  void aPageThatIsNoIndexIsUnchecked() {
    serve("/index.yaml", "<html><body>Sign in to continue</body></html>\n");

    Lookup lookup = check("postgres", "1.0.0");

    assertThat(lookup.verdict()).isEqualTo(Verdict.UNCHECKED);
    assertThat(lookup.detail())
        .isEqualTo(
            server.hostPort() + ": index.yaml is not a Helm repository index: it holds no mapping");
  }

  @Test
  void anIndexOverTheLimitIsUncheckedAndNotReadToItsEnd() {
    String big = index("postgres", "1.0.0") + "# " + "x".repeat(4096) + "\n";
    serve("/index.yaml", big);
    HelmIndexClient small = new HelmIndexClient(RegistryHttp.shared(), 1024);

    Lookup lookup = small.check(server.url(), "postgres", "1.0.0", Optional.empty());

    assertThat(lookup.verdict()).isEqualTo(Verdict.UNCHECKED);
    assertThat(lookup.detail())
        .isEqualTo(server.hostPort() + " sent more than 1024 bytes, more than is read");
    assertThat(
            new HelmIndexClient(RegistryHttp.shared(), 64 * 1024)
                .check(server.url(), "postgres", "1.0.0", Optional.empty()))
        .isEqualTo(Lookup.found());
  }

  @Test
  void aClosedPortIsUnchecked() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    Lookup lookup =
        client.check(URI.create("http://127.0.0.1:" + port), "postgres", "1.0.0", Optional.empty());

    assertThat(lookup.verdict()).isEqualTo(Verdict.UNCHECKED);
    assertThat(lookup.detail()).isEqualTo("127.0.0.1:" + port + " refused the connection");
  }

  @Test
  void userInfoInTheUrlIsNeitherSentNorShown() {
    protectedIndex("/index.yaml", index("postgres", "1.0.0"));

    Lookup lookup =
        client.check(
            URI.create("http://robot:s3cr3t-pa55word@" + server.hostPort() + "/"),
            "postgres",
            "1.0.0",
            Optional.empty());

    assertThat(lookup.verdict()).isEqualTo(Verdict.UNCHECKED);
    assertThat(lookup.detail()).doesNotContain("s3cr3t-pa55word");
    assertThat(server.requests())
        .extracting(LoopbackServer.Seen::authorization)
        .containsOnly(Optional.empty());
  }

  @Test
  void namesOnlyTheNewestVersions() {
    assertThat(HelmIndexClient.present(List.of())).isEqualTo("the index lists no version of it");
    assertThat(HelmIndexClient.present(List.of("1.0.0", "1.0.0", "0.1.0")))
        .isEqualTo("the index lists 1.0.0, 0.1.0");
  }

  /** Serves {@code index} at {@code path} only to requests with {@link #ROBOT}'s credentials. */
  private void protectedIndex(String path, String index) {
    server.on(
        path,
        exchange -> {
          if (ROBOT_HEADER.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 200, index);
          } else {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"charts\"");
            send(exchange, 401, "");
          }
        });
  }
}
