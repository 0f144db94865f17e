package io.harbormaster.registry.oci;

import static io.harbormaster.registry.http.LoopbackServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.port.TargetFinding.Verdict;
import io.harbormaster.registry.http.BasicCredentials;
import io.harbormaster.registry.http.Lookup;
import io.harbormaster.registry.http.LoopbackServer;
import io.harbormaster.registry.http.RegistryHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registries' authentication as a registry asks for it: a small server that challenges and a
 * token service, written here.
 */
class TokenFlowTest {
  private static final String MANIFEST = "/v2/acme/app/manifests/1.0.0";
  private static final String TOKEN = "t0k3n-for-acme-app-pull";
  private static final BasicCredentials ROBOT = new BasicCredentials("robot", "s3cr3t-pa55word");
  private static final String ROBOT_HEADER =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("robot:s3cr3t-pa55word".getBytes(StandardCharsets.UTF_8));

  private final LoopbackServer registry = LoopbackServer.start();
  private final OciDistribution oci = new OciDistribution(RegistryHttp.shared());

  @AfterEach
  void stop() {
    registry.close();
  }

  private ImageName app() {
    return ImageName.parse(registry.hostPort() + "/acme/app");
  }

  /** The manifest answers {@code status} to our token and challenges anything else. */
  private void challengeWithBearer(String realm, int status) {
    registry.on(
        MANIFEST,
        exchange -> {
          if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, status, "");
          } else {
            exchange
                .getResponseHeaders()
                .set(
                    "WWW-Authenticate",
                    "Bearer realm=\""
                        + realm
                        + "\",service=\"test-registry\",scope=\"repository:acme/app:pull\"");
            send(exchange, 401, "");
          }
        });
  }

  private static void tokenService(LoopbackServer server, String field) {
    server.on("/token", exchange -> send(exchange, 200, "{\"" + field + "\":\"" + TOKEN + "\"}"));
  }

  @Test
  void anAnonymousTokenFromTheRealmOpensAPublicImage() {
    challengeWithBearer(registry.url() + "/token", 200);
    tokenService(registry, "token");

    Lookup lookup = oci.hasTag(app(), "1.0.0", false, Optional.empty());

    assertThat(lookup).isEqualTo(Lookup.found());
    assertThat(registry.requests())
        .extracting(LoopbackServer.Seen::uri)
        .containsExactly(
            MANIFEST,
            "/token?service=test-registry&scope=repository%3Aacme%2Fapp%3Apull",
            MANIFEST);
    assertThat(registry.requests().get(1).authorization()).isEmpty();
  }

  @Test
  void anOauthAccessTokenServesAsWell() {
    challengeWithBearer(registry.url() + "/token", 404);
    tokenService(registry, "access_token");

    assertThat(oci.hasTag(app(), "1.0.0", false, Optional.empty()))
        .isEqualTo(Lookup.absent(registry.hostPort() + "/acme/app has no tag '1.0.0'"));
  }

  @Test
  void credentialsGoToARealmOnTheRegistrysOwnHost() {
    challengeWithBearer(registry.url() + "/token", 200);
    tokenService(registry, "token");

    assertThat(oci.hasTag(app(), "1.0.0", false, Optional.of(ROBOT))).isEqualTo(Lookup.found());
    assertThat(registry.requests().get(1).authorization()).contains(ROBOT_HEADER);
  }

  @Test
  void credentialsNeverGoToARealmOnAnotherHost() {
    try (LoopbackServer auth = LoopbackServer.startAsLocalhost()) {
      tokenService(auth, "token");
      challengeWithBearer(auth.url() + "/token", 200);

      assertThat(oci.hasTag(app(), "1.0.0", false, Optional.of(ROBOT))).isEqualTo(Lookup.found());
      assertThat(auth.requests())
          .extracting(LoopbackServer.Seen::authorization)
          .containsExactly(Optional.empty());
    }
  }

  @Test
  void aBasicChallengeIsAnsweredWithTheCredentialsWhenWeHaveThem() {
    registry.on(
        MANIFEST,
        exchange -> {
          if (ROBOT_HEADER.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 200, "");
          } else {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"registry\"");
            send(exchange, 401, "");
          }
        });

    assertThat(oci.hasTag(app(), "1.0.0", false, Optional.of(ROBOT))).isEqualTo(Lookup.found());
    assertThat(oci.hasTag(app(), "1.0.0", false, Optional.empty()))
        .isEqualTo(
            Lookup.unknown(registry.hostPort() + " needs credentials Harbormaster does not have"));
  }

  @Test
  void aManifestStillRefusedWithTheTokenNeedsCredentialsWeDoNotHave() {
    registry.on(
        MANIFEST,
        exchange -> {
          exchange
              .getResponseHeaders()
              .set("WWW-Authenticate", "Bearer realm=\"" + registry.url() + "/token\"");
          send(exchange, 401, "");
        });
    tokenService(registry, "token");

    Lookup lookup = oci.hasTag(app(), "1.0.0", false, Optional.empty());

    assertThat(lookup)
        .isEqualTo(
            Lookup.unknown(registry.hostPort() + " needs credentials Harbormaster does not have"));
    assertThat(registry.requests()).hasSize(3);
  }

  @Test
  void aTokenServiceThatRefusesLeavesTheTagUnchecked() {
    challengeWithBearer(registry.url() + "/token", 200);
    registry.on("/token", exchange -> send(exchange, 401, "{\"details\":\"no\"}"));

    assertThat(oci.hasTag(app(), "1.0.0", false, Optional.empty()).verdict())
        .isEqualTo(Verdict.UNCHECKED);
  }

  @Test
  void anotherAnswerLeavesTheTagUnchecked() {
    registry.on(MANIFEST, exchange -> send(exchange, 503, ""));

    assertThat(oci.hasTag(app(), "1.0.0", false, Optional.empty()))
        .isEqualTo(Lookup.unknown(registry.hostPort() + " answered HTTP 503"));
  }

  @Test
  void theManifestIsAskedForWithEveryManifestTypeARegistryMayHold() {
    registry.on(
        MANIFEST,
        exchange ->
            send(
                exchange,
                exchange.getRequestHeaders().getFirst("Accept").equals(OciDistribution.ACCEPT)
                        && exchange.getRequestMethod().equals("HEAD")
                    ? 200
                    : 400,
                ""));

    assertThat(oci.hasTag(app(), "1.0.0", false, Optional.empty())).isEqualTo(Lookup.found());
    assertThat(OciDistribution.ACCEPT)
        .contains(
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
  }
}
