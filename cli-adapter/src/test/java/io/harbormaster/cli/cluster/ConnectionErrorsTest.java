package io.harbormaster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.harbormaster.api.crd.InstalledCrds;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.cli.cluster.HmOnSandbox.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit code 4 and one sentence saying what to check, never a stack trace or the kubeconfig's token.
 */
class ConnectionErrorsTest {
  @TempDir Path work;

  @Test
  void aClusterThatDoesNotAnswerExitsFourNamingItsAddress() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String server = "https://127.0.0.1:" + closedPort;

    Result result = HmOnSandbox.hmWith(HmOnSandbox.kubeconfig(work, server), "apps");

    assertThat(result.code()).as(result.toString()).isEqualTo(4);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("error: cannot reach the cluster at " + server)
        .endsWith(": check --kubeconfig/--context\n")
        .hasLineCount(1)
        .doesNotContain("not-a-real-token");
  }

  @Test
  void aClusterWithoutHarbormastersCrdsExitsFourSayingHowToInstallThem() {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    try {
      String url = server.createClient().getConfiguration().getMasterUrl();

      Result result =
          HmOnSandbox.hmWith(HmOnSandbox.kubeconfig(work, url), "status", "some-upgrade");

      assertThat(result.code()).as(result.toString()).isEqualTo(4);
      assertThat(result.err())
          .isEqualTo(
              "error: the Harbormaster CRDs are not installed on the cluster at "
                  + url
                  + ": kubectl apply -k deploy/\n");
    } finally {
      server.destroy();
    }
  }

  @Test
  void aLocalRunOnAClusterWithoutFluxExitsFourBeforeCreatingAnything() {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    try (KubernetesClient client = server.createClient()) {
      InstalledCrds.install(client);
      ManagedApp app = new ManagedApp();
      app.setMetadata(new ObjectMetaBuilder().withNamespace("apps").withName("web").build());
      client.resource(app).create();

      Result result =
          HmOnSandbox.hmWith(
              HmOnSandbox.kubeconfig(work, client.getConfiguration().getMasterUrl()),
              "upgrade",
              "web",
              "--to",
              "1.1.0",
              "--local");

      assertThat(result.code()).as(result.toString()).isEqualTo(4);
      assertThat(result.err())
          .startsWith(
              "error: the cluster does not serve kustomize.toolkit.fluxcd.io/v1 Kustomization (install Flux (flux install))")
          .hasLineCount(1);
      assertThat(client.resources(UpgradeRequest.class).inAnyNamespace().list().getItems())
          .isEmpty();
    } finally {
      server.destroy();
    }
  }

  @Test
  void aKubeconfigThatIsNotThereExitsFourNamingIt() {
    Path missing = work.resolve("no-such-kubeconfig");

    Result result = HmOnSandbox.hmWith(missing, "apps");

    assertThat(result.code()).isEqualTo(4);
    assertThat(result.err())
        .isEqualTo(
            "error: --kubeconfig "
                + missing
                + " is not a readable file: give the path of a kubeconfig, as for kubectl\n");
  }

  @Test
  void aContextTheKubeconfigDoesNotHaveExitsFourNamingIt() {
    Result result =
        HmOnSandbox.hmWith(
            HmOnSandbox.kubeconfig(work, "https://127.0.0.1:1"), "apps", "--context", "production");

    assertThat(result.code()).as(result.toString()).isEqualTo(4);
    assertThat(result.err()).contains("production").hasLineCount(1);
  }
}
