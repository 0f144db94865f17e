package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.settledFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.embedded.credentials.SecretCredentials;
import io.harbormaster.sandbox.git.GitServer;
import io.harbormaster.sandbox.git.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token in every field that can reach what people and logs see: a repository URL's user-info, the
 * credentials Secret (sent over TLS to the host it allows, which takes it), and a git server's
 * refusal quoting both the URL with the token and the token. No request status (message,
 * conditions, history), ManagedApp status, Event or operator log line shows either token.
 */
@Tag("both-api-servers")
class SecretsNeverShownTest {
  private static final Duration OPERATION = Duration.ofSeconds(90);
  private static final String SECRET_TOKEN = "ghp_tokenOfTheSecret8843";
  private static final String URL_TOKEN = "ghp_tokenInTheUrl2290";
  private static final String SECRET = "fleet-git";

  @TempDir Path work;
  private OperatorCluster cluster;
  private AppGitAccess access;
  private OperatorLog log;
  private GitServer tokenServer;
  private RecordingListener listener;

  @BeforeEach
  void start() {
    log = OperatorLog.capture();
    cluster = new OperatorCluster(work);
    new FleetApps(cluster).web("1.0.0", "1m", false);
    access = new AppGitAccess(cluster);
    // The sandbox's fleet served a second time, over TLS and only to the Secret's token.
    tokenServer = GitServer.start(cluster.gitServer.root(), "bot", SECRET_TOKEN);
    listener = RecordingListener.start();
  }

  @AfterEach
  void stop() {
    listener.close();
    tokenServer.close();
    cluster.close();
    log.close();
  }

  @Test
  void aTokenInEveryFieldReachesNoStatusEventOrLogLine() {
    access.pointAt(
        "https://bot:" + URL_TOKEN + "@127.0.0.1:" + listener.port() + "/fleet.git", null);
    assertThat(
            access.awaitCondition("Ready", c -> "InvalidSpec".equals(c.getReason())).getMessage())
        .isEqualTo(
            "spec.git.repository: holds credentials before '@': remove them from the URL and put the token in a "
                + "Secret named by spec.git.credentialsSecret");
    access.requestRefused("token-in-url", "InvalidSpec");
    assertThat(listener.heard()).as("what reached the URL's host").isEmpty();

    String tokenUrl =
        tokenServer.url("fleet.git").replace("https://", "https://bot:" + SECRET_TOKEN + "@");
    AtomicInteger pushes = new AtomicInteger();
    tokenServer.onPreReceive(
        (receive, commands) -> {
          pushes.incrementAndGet();
          commands.forEach(
              command ->
                  command.setResult(
                      ReceiveCommand.Result.REJECTED_OTHER_REASON,
                      "policy forbids pushes from " + tokenUrl + " (token " + SECRET_TOKEN + ")"));
        });
    access.secret(
        SECRET,
        Map.of(
            SecretCredentials.USERNAME,
            "bot",
            SecretCredentials.PASSWORD,
            SECRET_TOKEN,
            SecretCredentials.CA_CERTIFICATE,
            tokenServer.caCertificate()),
        Optional.of("127.0.0.1:" + tokenServer.port()));
    access.pointAt(tokenServer.url("fleet.git"), SECRET);
    access.awaitCondition("GitReadable", c -> "True".equals(c.getStatus()));

    Requests requests = new Requests(cluster.client);
    requests.upgrade(WEB_NAMESPACE, "to-1-1", WEB, "1.1.0", false, false);
    UpgradeRequest failed =
        await(requests.upgrade(WEB_NAMESPACE, "to-1-1"), settledFailure(), OPERATION);

    assertThat(failed.getStatus().failedIn())
        .as(failed.getStatus().message())
        .isEqualTo("GitCommit");
    assertThat(pushes).as("pushes that reached the server with the token").hasPositiveValue();
    assertThat(failed.getStatus().message())
        .contains("policy forbids pushes from https://***@127.0.0.1:", "(token ***)");
    assertThat(outputs())
        .hasSizeGreaterThan(4)
        .allSatisfy(
            output ->
                assertThat(output)
                    .doesNotContain(SECRET_TOKEN)
                    .doesNotContain(URL_TOKEN)
                    .doesNotContain(base64("bot:" + SECRET_TOKEN))
                    .doesNotContain(base64(SECRET_TOKEN)));
  }

  /** Everything people and log readers see of the app, one text each. */
  private List<String> outputs() {
    var json = cluster.client.getKubernetesSerialization();
    List<String> outputs = new ArrayList<>();
    cluster
        .client
        .resources(UpgradeRequest.class)
        .inNamespace(WEB_NAMESPACE)
        .list()
        .getItems()
        .forEach(request -> outputs.add(json.asJson(request.getStatus())));
    cluster
        .client
        .resources(RollbackRequest.class)
        .inNamespace(WEB_NAMESPACE)
        .list()
        .getItems()
        .forEach(request -> outputs.add(json.asJson(request.getStatus())));
    outputs.add(json.asJson(access.app().get().getStatus()));
    cluster
        .client
        .v1()
        .events()
        .inNamespace(WEB_NAMESPACE)
        .list()
        .getItems()
        .forEach(event -> outputs.add(json.asJson(event)));
    outputs.add(log.text());
    assertThat(outputs)
        .as("events were recorded")
        .anyMatch(output -> output.contains("\"involvedObject\""));
    assertThat(log.text()).as("the operator logged while the test ran").isNotEmpty();
    return outputs;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
