package io.harbormaster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.api.crd.DrivenBy;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.api.crd.UpgradeRequestSpec;
import io.harbormaster.cli.cluster.HmOnSandbox.Result;
import io.harbormaster.embedded.credentials.SecretCredentials;
import io.harbormaster.sandbox.git.GitServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What hm prints (progress, tables, documents, errors) shows no token, wherever the text came from.
 */
@Tag("both-api-servers")
class SecretsNeverPrintedTest {
  private static final String SECRET_TOKEN = "ghp_cliSecretToken5031";

  @TempDir Path work;
  private HmOnSandbox cluster;
  private GitServer tokenServer;

  @BeforeEach
  void start() {
    cluster = HmOnSandbox.start(work);
    cluster.startOperator();
    cluster.web("1.0.0", "1m");
    tokenServer = GitServer.start(cluster.sandbox.gitServer().root(), "bot", SECRET_TOKEN);
  }

  @AfterEach
  void stop() {
    tokenServer.close();
    cluster.close();
  }

  @Test
  void upgradeWaitAndStatusShowNoTokenTheGitServerQuoted() {
    String tokenUrl =
        tokenServer.url("fleet.git").replace("https://", "https://bot:" + SECRET_TOKEN + "@");
    tokenServer.onPreReceive(
        (receive, commands) ->
            commands.forEach(
                command ->
                    command.setResult(
                        ReceiveCommand.Result.REJECTED_OTHER_REASON,
                        "policy forbids pushes from "
                            + tokenUrl
                            + " (token "
                            + SECRET_TOKEN
                            + ")")));
    secret(
        Map.of(
            SecretCredentials.USERNAME,
            "bot",
            SecretCredentials.PASSWORD,
            SECRET_TOKEN,
            SecretCredentials.CA_CERTIFICATE,
            tokenServer.caCertificate()),
        "127.0.0.1:" + tokenServer.port());
    pointWebAt(tokenServer.url("fleet.git"), "fleet-git");

    Result upgrade = cluster.hm("upgrade", "web", "--to", "1.1.0", "--wait", "--name", "to-1-1");

    assertThat(upgrade.code()).as(upgrade.toString()).isEqualTo(1);
    assertThat(upgrade.out())
        .contains("policy forbids pushes from https://***@127.0.0.1:", "(token ***)");
    List<Result> printed =
        List.of(
            upgrade,
            cluster.hm("status", "to-1-1"),
            cluster.hm("status", "to-1-1", "-o", "yaml"),
            cluster.hm("apps", "-o", "json"));
    assertThat(printed)
        .allSatisfy(result -> assertThat(result.toString()).doesNotContain(SECRET_TOKEN));
  }

  @Test
  void statusMasksAUrlTokenThatAnotherWriterPutInARequestsStatus() {
    // A request no operator drives, whose status someone else wrote with a token in a URL.
    UpgradeRequest request = new UpgradeRequest();
    request.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace("apps")
            .withName("written")
            .withAnnotations(Map.of(DrivenBy.ANNOTATION, "someone-else"))
            .build());
    request.setSpec(
        new UpgradeRequestSpec(
            "web", new UpgradeRequestSpec.Target("1.1.0", Map.of()), false, false, false));
    cluster.client.resource(request).create();
    cluster
        .client
        .resources(UpgradeRequest.class)
        .inNamespace("apps")
        .withName("written")
        .editStatus(
            written -> {
              written.setStatus(
                  OperationStatus.notStarted(
                      null,
                      "cannot push to https://bot:status-written-token-66@git.example/fleet.git",
                      1L));
              return written;
            });

    List<Result> printed =
        List.of(cluster.hm("status", "written"), cluster.hm("status", "written", "-o", "json"));

    assertThat(printed.get(0).out()).contains("cannot push to https://***@git.example/fleet.git");
    assertThat(printed)
        .allSatisfy(
            result -> assertThat(result.toString()).doesNotContain("status-written-token-66"));
  }

  private void secret(Map<String, String> texts, String allowedHosts) {
    Map<String, String> data = new HashMap<>();
    texts.forEach(
        (key, text) ->
            data.put(
                key, Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))));
    cluster
        .client
        .secrets()
        .inNamespace("apps")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("fleet-git")
                .withAnnotations(Map.of(SecretCredentials.ALLOWED_HOSTS, allowedHosts))
                .endMetadata()
                .withData(data)
                .build())
        .create();
  }

  private void pointWebAt(String repository, String credentialsSecret) {
    cluster
        .client
        .resources(ManagedApp.class)
        .inNamespace("apps")
        .withName("web")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            cluster
                .client
                .getKubernetesSerialization()
                .asJson(
                    Map.of(
                        "spec",
                        Map.of(
                            "git",
                            Map.of(
                                "repository",
                                repository,
                                "credentialsSecret",
                                credentialsSecret)))));
  }
}
