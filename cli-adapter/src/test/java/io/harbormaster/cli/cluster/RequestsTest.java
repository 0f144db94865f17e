package io.harbormaster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.crd.UpgradeRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestsTest {
  @Test
  void aTimeoutSaysWhatThePhaseLastWaitedFor() {
    UpgradeRequest request =
        request(
            status(
                "HelmRelease db/postgres Ready=False (ArtifactFailed): chart 'postgres' has no"
                    + " version '2.1.0'",
                null));

    assertThatThrownBy(() -> Requests.exitCode(request, Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(
            CommandFailure.class,
            failure -> assertThat(failure.exitCode()).isEqualTo(ExitCodes.TIMEOUT))
        .hasMessage(
            "UpgradeRequest db/to-2-1-0 is still in phase Reconcile after 20s, waiting for:"
                + " HelmRelease db/postgres Ready=False (ArtifactFailed): chart 'postgres' has no"
                + " version '2.1.0': follow it with 'hm status to-2-1-0 -n db --watch'");
  }

  @Test
  void aTimeoutWithNothingAwaitedSaysTheErrorLastRetried() {
    UpgradeRequest request = request(status(null, "git push refused: connection reset"));

    assertThatThrownBy(() -> Requests.exitCode(request, Duration.ofSeconds(20)))
        .hasMessageContaining(
            "after 20s, last error: git push refused: connection reset: follow it with");
  }

  private static UpgradeRequest request(OperationStatus status) {
    UpgradeRequest request = new UpgradeRequest();
    request.setMetadata(new ObjectMetaBuilder().withNamespace("db").withName("to-2-1-0").build());
    request.setStatus(status);
    return request;
  }

  private static OperationStatus status(String waitingFor, String lastError) {
    return new OperationStatus(
        "Reconcile",
        null,
        List.of(),
        null,
        null,
        null,
        null,
        null,
        lastError,
        null,
        waitingFor,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        null);
  }
}
