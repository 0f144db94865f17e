package io.harbormaster.registry.http;

import static io.harbormaster.registry.http.LoopbackServer.redirect;
import static io.harbormaster.registry.http.LoopbackServer.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Network trouble is a one-line reason naming the host, never an exception of the network's. */
class RegistryHttpTest {
  private final LoopbackServer server = LoopbackServer.start();
  private final RegistryHttp http = RegistryHttp.shared();

  @AfterEach
  void stop() {
    server.close();
  }

  private Reply get(RegistryHttp client, URI uri) throws Unreachable {
    return client.exchange("GET", uri, Map.of(), Optional.empty(), 1024);
  }

  @Test
  void anUnknownHostIsNamed() {
    assertThatThrownBy(() -> get(http, URI.create("https://charts.harbormaster-test.invalid/x")))
        .isInstanceOf(Unreachable.class)
        .hasMessage("unknown host charts.harbormaster-test.invalid");
  }

  @Test
  void aTlsFailureIsNamed() throws Exception {
    // A server that answers a TLS hello with plain HTTP, as a plain-HTTP port does.
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answering =
          new Thread(
              () -> {
                try (Socket socket = plain.accept()) {
                  socket
                      .getOutputStream()
                      .write(
                          "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                              .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                  // the test below fails on what the client saw
                }
              });
      answering.start();
      String hostPort = "127.0.0.1:" + plain.getLocalPort();

      assertThatThrownBy(() -> get(http, URI.create("https://" + hostPort + "/x")))
          .isInstanceOf(Unreachable.class)
          .hasMessageStartingWith("TLS with " + hostPort + " failed: ");
      answering.join();
    }
  }

  @Test
  void aServerThatNeverAnswersIsLeftInTime() throws Exception {
    CountDownLatch released = new CountDownLatch(1);
    server.on(
        "/slow",
        exchange -> {
          try {
            released.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          send(exchange, 200, "late");
        });
    RegistryHttp impatient = new RegistryHttp(RegistryHttp.newClient(), Duration.ofSeconds(1));
    try {
      assertThatThrownBy(() -> get(impatient, server.url().resolve("/slow")))
          .isInstanceOf(Unreachable.class)
          .hasMessage(server.hostPort() + " did not answer within 1s");
    } finally {
      released.countDown();
    }
  }

  @Test
  void aRedirectToAnotherSchemeIsNotFollowed() {
    server.on("/x", exchange -> redirect(exchange, 302, "file:///etc/passwd"));

    assertThatThrownBy(() -> get(http, server.url().resolve("/x")))
        .isInstanceOf(Unreachable.class)
        .hasMessage(server.hostPort() + " redirected to a location that is not HTTP(S)");
  }

  @Test
  void anAnswerIsReadAfterItsRedirect() throws Unreachable {
    server.on("/x", exchange -> redirect(exchange, 303, "/y"));
    server.on("/y", exchange -> send(exchange, 200, "here"));

    Reply reply = get(http, server.url().resolve("/x"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.uri()).isEqualTo(server.url().resolve("/y"));
    assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("here");
  }

  @Test
  void aSecretAuthorizationGoesOnlyToItsHostOverHttpsOrToThisMachine() {
    Authorization basic = Authorization.basic(new BasicCredentials("u", "p"), "charts.example");

    assertThat(basic.mayGoTo(URI.create("https://charts.example/index.yaml"))).isTrue();
    assertThat(basic.mayGoTo(URI.create("https://CHARTS.example:8443/index.yaml"))).isTrue();
    assertThat(basic.mayGoTo(URI.create("http://charts.example/index.yaml"))).isFalse();
    assertThat(basic.mayGoTo(URI.create("https://cdn.example/index.yaml"))).isFalse();
    assertThat(
            Authorization.basic(new BasicCredentials("u", "p"), "127.0.0.1")
                .mayGoTo(URI.create("http://127.0.0.1:5000/v2/")))
        .isTrue();
    assertThat(
            Authorization.bearer("anonymous-token", "registry.example", false)
                .mayGoTo(URI.create("http://registry.example/v2/")))
        .isTrue();
    assertThat(basic.toString()).doesNotContain("dTpw");
  }
}
