package io.harbormaster.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.harbormaster.embedded.credentials.SecretCredentials;
import io.harbormaster.sandbox.git.RecordingListener;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whoever may edit a ManagedApp but not read its credentials Secret cannot make the operator send
 * the Secret elsewhere: over plain http, or to a host the Secret's owner did not allow, the
 * operator refuses before any connection, in the app's status refresh and in a request alike. A
 * listener on loopback stands where such an editor would point the repository and records what
 * reaches it.
 */
@Tag("both-api-servers")
class GitCredentialsRoutingTest {
  private static final String SECRET = "fleet-git";
  private static final Map<String, String> TOKEN =
      Map.of(
          SecretCredentials.USERNAME,
          "bot",
          SecretCredentials.PASSWORD,
          "ghp_routingTokenNeverSent41");

  @TempDir Path work;
  private OperatorCluster cluster;
  private AppGitAccess access;
  private RecordingListener listener;

  @BeforeEach
  void start() {
    cluster = new OperatorCluster(work);
    new FleetApps(cluster).web("1.0.0", "1m", false);
    access = new AppGitAccess(cluster);
    listener = RecordingListener.start();
  }

  @AfterEach
  void stop() {
    listener.close();
    cluster.close();
  }

  @Test
  void credentialsAreNeverSentOverPlainHttp() {
    access.secret(SECRET, TOKEN, Optional.of("127.0.0.1:" + listener.port()));

    access.pointAt(listener.url("http"), SECRET);

    Condition ready = access.awaitCondition("Ready", c -> "InvalidSpec".equals(c.getReason()));
    assertThat(ready.getMessage())
        .isEqualTo(
            "spec.git.repository: is a http URL, which would send the credentials of "
                + "spec.git.credentialsSecret where anyone on the way can read them: use the repository's https:// or ssh:// URL");
    assertThat(access.requestRefused("over-http", "InvalidSpec").getStatus().message())
        .isEqualTo(ready.getMessage());
    assertThat(listener.heard()).as("what reached the listener").isEmpty();
  }

  @Test
  void aSecretIsNotSentToAHostItsOwnerDidNotAllow() {
    access.secret(SECRET, TOKEN, Optional.of("git.example.com"));

    access.pointAt(listener.url("https"), SECRET);

    String expected =
        "Secret apps/fleet-git (spec.git.credentialsSecret) may be sent only to the hosts in its annotation "
            + "harbormaster.io/allowed-hosts (git.example.com), not to 127.0.0.1:"
            + listener.port()
            + " (spec.git.repository)";
    Condition readable =
        access.awaitCondition("GitReadable", c -> c.getMessage().startsWith(expected));
    assertThat(readable.getStatus()).isEqualTo("False");
    assertThat(access.requestRefused("elsewhere", "CredentialsNotAllowed").getStatus().message())
        .startsWith(expected);
    assertThat(listener.heard()).as("what reached the listener").isEmpty();
  }

  @Test
  void aSecretWithoutAllowedHostsIsNotSentAnywhere() {
    access.secret(SECRET, TOKEN, Optional.empty());

    access.pointAt(listener.url("https"), SECRET);

    String expected =
        "Secret apps/fleet-git (spec.git.credentialsSecret) has no annotation harbormaster.io/allowed-hosts";
    access.awaitCondition("GitReadable", c -> c.getMessage().startsWith(expected));
    assertThat(access.requestRefused("unannotated", "CredentialsNotAllowed").getStatus().message())
        .startsWith(expected);
    assertThat(listener.heard()).as("what reached the listener").isEmpty();

    // Without credentials the status refresh does read from the listener: it would have heard a
    // token.
    access.pointAt(listener.url("http"), null);
    access.awaitCondition(
        "GitReadable",
        c -> "ReadFailed".equals(c.getReason()) && c.getMessage().contains(listener.url("http")));
    assertThat(listener.heard())
        .isNotEmpty()
        .allSatisfy(
            request ->
                assertThat(request)
                    .startsWith("GET /fleet.git/info/refs")
                    .doesNotContainIgnoringCase("authorization"));
  }
}
