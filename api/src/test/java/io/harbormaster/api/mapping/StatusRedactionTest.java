package io.harbormaster.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.harbormaster.api.conditions.RequestConditions;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.PhaseRecord;
import io.harbormaster.core.redaction.Redaction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A request's status is redacted where it is written, whatever the texts' author did: a URL with a
 * token in its user-info and a secret loaded by this process are masked in the message, the errors,
 * what the operation waits for, its history and its conditions.
 */
class StatusRedactionTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:15:30Z");
  private static final String URL = "https://bot:status-url-token-31@git.example/fleet.git";
  private static final String LOADED = "status-loaded-secret-8720";

  @Test
  void everyTextOfTheStatusIsMasked() {
    Redaction.remember(List.of(LOADED));
    OperationState state =
        OperationState.builder()
            .id(OperationId.upgrade(ObjectRef.of("apps", "to-1-1")))
            .app(ObjectRef.of("apps", "web"))
            .phase(Phase.GIT_COMMIT)
            .phaseStartedAt(T0)
            .waitingFor("the commit to " + URL + " (main)")
            .lastError("push to " + URL + " timed out")
            .lastWarning("server said " + LOADED)
            .message("pushing to " + URL)
            .addHistory(
                PhaseRecord.of(
                    Phase.PENDING, T0, T0.plusSeconds(1), "read " + URL + " with " + LOADED))
            .build();

    List<Condition> conditions = RequestConditions.of(state, null, T0);
    OperationStatus status = OperationStatusMapper.toStatus(state, conditions, 1L);
    String written = new KubernetesSerialization().asJson(status);

    assertThat(written).doesNotContain("status-url-token-31").doesNotContain(LOADED);
    assertThat(status.waitingFor())
        .isEqualTo("the commit to https://***@git.example/fleet.git (main)");
    assertThat(status.history().get(0).summary())
        .isEqualTo("read https://***@git.example/fleet.git with ***");
    assertThat(conditions)
        .extracting(Condition::getMessage)
        .containsOnly("pushing to https://***@git.example/fleet.git");
  }
}
