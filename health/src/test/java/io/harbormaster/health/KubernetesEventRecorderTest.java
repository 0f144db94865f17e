package io.harbormaster.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.port.EventRecorder.Type;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KubernetesEventRecorderTest {
  private static final OperationId UPGRADE = OperationId.upgrade(ObjectRef.of("db", "pg-14-to-15"));
  private static final OperationId ROLLBACK = OperationId.rollback(ObjectRef.of("db", "undo-pg-15"));

  @RegisterExtension final MockCluster cluster = new MockCluster();

  private KubernetesEventRecorder recorder;

  @BeforeEach
  void setUp() {
    recorder = new KubernetesEventRecorder(cluster.client(), Clock.fixed(Instant.parse("2025-03-04T05:06:07.89Z"), ZoneOffset.UTC));
  }

  @Test
  void recordsAnEventOnTheUpgradeRequest() {
    recorder.record(UPGRADE, Type.NORMAL, "FluxSuspended", "Suspended Kustomization flux-system/apps");

    Event event = onlyEvent();
    assertThat(event.getMetadata().getNamespace()).isEqualTo("db");
    assertThat(event.getInvolvedObject().getApiVersion()).isEqualTo("harbormaster.io/v1alpha1");
    assertThat(event.getInvolvedObject().getKind()).isEqualTo("UpgradeRequest");
    assertThat(event.getInvolvedObject().getNamespace()).isEqualTo("db");
    assertThat(event.getInvolvedObject().getName()).isEqualTo("pg-14-to-15");
    assertThat(event.getType()).isEqualTo("Normal");
    assertThat(event.getReason()).isEqualTo("FluxSuspended");
    assertThat(event.getMessage()).isEqualTo("Suspended Kustomization flux-system/apps");
    assertThat(event.getSource().getComponent()).isEqualTo("harbormaster");
    assertThat(event.getCount()).isEqualTo(1);
    assertThat(event.getFirstTimestamp()).isEqualTo("2025-03-04T05:06:07Z");
  }

  @Test
  void aRollbackWarningNamesTheRollbackRequest() {
    recorder.record(ROLLBACK, Type.WARNING, "RestoreFailed", "PVC db/data-postgres-0 is still mounted");

    Event event = onlyEvent();
    assertThat(event.getInvolvedObject().getKind()).isEqualTo("RollbackRequest");
    assertThat(event.getInvolvedObject().getName()).isEqualTo("undo-pg-15");
    assertThat(event.getType()).isEqualTo("Warning");
  }

  @Test
  void aRepeatedEventBumpsTheCountInsteadOfPilingUp() {
    recorder.record(UPGRADE, Type.NORMAL, "Waiting", "Waiting for StatefulSet db/postgres");
    recorder.record(UPGRADE, Type.NORMAL, "Waiting", "Waiting for StatefulSet db/postgres");
    recorder.record(UPGRADE, Type.NORMAL, "Waiting", "Waiting for StatefulSet db/postgres");

    assertThat(onlyEvent().getCount()).isEqualTo(3);
  }

  @Test
  void differentEventsAreKeptApart() {
    recorder.record(UPGRADE, Type.NORMAL, "Waiting", "Waiting for StatefulSet db/postgres");
    recorder.record(UPGRADE, Type.NORMAL, "Waiting", "Waiting for Deployment db/api");
    recorder.record(UPGRADE, Type.WARNING, "Waiting", "Waiting for Deployment db/api");

    assertThat(events()).hasSize(3).allSatisfy(event -> assertThat(event.getCount()).isEqualTo(1));
  }

  @Test
  void credentialsInAUrlNeverReachTheEvent() {
    recorder.record(
        UPGRADE, Type.WARNING, "PushFailed", "push to https://bot:ghp_s3cr3tT0ken@git.example/apps.git failed: rejected");

    assertThat(onlyEvent().getMessage())
        .doesNotContain("ghp_s3cr3tT0ken")
        .isEqualTo("push to https://***@git.example/apps.git failed: rejected");
  }

  @Test
  void aLongMessageIsCut() {
    recorder.record(UPGRADE, Type.NORMAL, "Progress", "x".repeat(5000));

    assertThat(onlyEvent().getMessage()).hasSize(KubernetesEventRecorder.MAX_MESSAGE).endsWith("...");
  }

  private List<Event> events() {
    return cluster.client().v1().events().inNamespace("db").list().getItems();
  }

  private Event onlyEvent() {
    assertThat(events()).hasSize(1);
    return events().get(0);
  }
}
