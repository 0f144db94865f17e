package io.harbormaster.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.port.EventRecorder.Type;
import io.harbormaster.core.redaction.Redaction;
import io.harbormaster.sandbox.apiserver.MockCluster;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KubernetesEventRecorderTest {
  private static final OperationId UPGRADE = OperationId.upgrade(ObjectRef.of("db", "pg-14-to-15"));
  private static final OperationId ROLLBACK =
      OperationId.rollback(ObjectRef.of("db", "undo-pg-15"));
  private static final ObjectRef APP = ObjectRef.of("db", "postgres");

  @RegisterExtension final MockCluster cluster = new MockCluster();

  private KubernetesEventRecorder recorder;

  @BeforeEach
  void setUp() {
    recorder =
        new KubernetesEventRecorder(
            cluster.client(),
            Clock.fixed(Instant.parse("2025-03-04T05:06:07.89Z"), ZoneOffset.UTC));
  }

  @Test
  void recordsAnEventOnTheUpgradeRequest() {
    recorder.record(
        UPGRADE, APP, Type.NORMAL, "FluxSuspended", "Suspended Kustomization flux-system/apps");

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
  void theAppGetsTheEventTooNamingTheOperation() {
    recorder.record(
        UPGRADE, APP, Type.NORMAL, "FluxSuspended", "Suspended Kustomization flux-system/apps");

    assertThat(appEvents())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getInvolvedObject().getKind()).isEqualTo("ManagedApp");
              assertThat(event.getInvolvedObject().getName()).isEqualTo("postgres");
              assertThat(event.getMessage())
                  .isEqualTo("upgrade db/pg-14-to-15: Suspended Kustomization flux-system/apps");
            });
  }

  @Test
  void anExistingRequestIsNamedByItsUidSoKubectlDescribeFindsTheEvent() {
    String uid =
        cluster
            .client()
            .genericKubernetesResources(
                new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                    .withGroup("harbormaster.io")
                    .withVersion("v1alpha1")
                    .withKind("UpgradeRequest")
                    .withPlural("upgraderequests")
                    .withNamespaced(true)
                    .build())
            .inNamespace("db")
            .resource(
                new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                    .withApiVersion("harbormaster.io/v1alpha1")
                    .withKind("UpgradeRequest")
                    .withNewMetadata()
                    .withNamespace("db")
                    .withName("pg-14-to-15")
                    .endMetadata()
                    .build())
            .create()
            .getMetadata()
            .getUid();

    recorder.record(
        UPGRADE, APP, Type.NORMAL, "FluxSuspended", "Suspended Kustomization flux-system/apps");

    assertThat(onlyEvent().getInvolvedObject().getUid()).isNotBlank().isEqualTo(uid);
    assertThat(appEvents())
        .singleElement()
        .satisfies(event -> assertThat(event.getInvolvedObject().getUid()).isNull());
  }

  @Test
  void aRollbackWarningNamesTheRollbackRequest() {
    recorder.record(
        ROLLBACK, APP, Type.WARNING, "RestoreFailed", "PVC db/data-postgres-0 is still mounted");

    Event event = onlyEvent();
    assertThat(event.getInvolvedObject().getKind()).isEqualTo("RollbackRequest");
    assertThat(event.getInvolvedObject().getName()).isEqualTo("undo-pg-15");
    assertThat(event.getType()).isEqualTo("Warning");
  }

  @Test
  void aRepeatedEventBumpsTheCountInsteadOfPilingUp() {
    recorder.record(UPGRADE, APP, Type.NORMAL, "Waiting", "Waiting for StatefulSet db/postgres");
    recorder.record(UPGRADE, APP, Type.NORMAL, "Waiting", "Waiting for StatefulSet db/postgres");
    recorder.record(UPGRADE, APP, Type.NORMAL, "Waiting", "Waiting for StatefulSet db/postgres");

    assertThat(onlyEvent().getCount()).isEqualTo(3);
  }

  @Test
  void differentEventsAreKeptApart() {
    recorder.record(UPGRADE, APP, Type.NORMAL, "Waiting", "Waiting for StatefulSet db/postgres");
    recorder.record(UPGRADE, APP, Type.NORMAL, "Waiting", "Waiting for Deployment db/api");
    recorder.record(UPGRADE, APP, Type.WARNING, "Waiting", "Waiting for Deployment db/api");

    assertThat(events()).hasSize(3).allSatisfy(event -> assertThat(event.getCount()).isEqualTo(1));
  }

  @Test
  void credentialsInAUrlNeverReachTheEvent() {
    recorder.record(
        UPGRADE,
        APP,
        Type.WARNING,
        "PushFailed",
        "push to https://bot:ghp_s3cr3tT0ken@git.example/apps.git failed: rejected");

    assertThat(onlyEvent().getMessage())
        .doesNotContain("ghp_s3cr3tT0ken")
        .isEqualTo("push to https://***@git.example/apps.git failed: rejected");
  }

  @Test
  void aSecretThisProcessLoadedNeverReachesTheEvent() {
    Redaction.remember(List.of("event-loaded-secret-4410"));

    recorder.record(
        UPGRADE,
        APP,
        Type.WARNING,
        "PushFailed",
        "server said event-loaded-secret-4410 is not allowed");

    assertThat(onlyEvent().getMessage()).isEqualTo("server said *** is not allowed");
  }

  @Test
  void aLongMessageIsCut() {
    recorder.record(UPGRADE, APP, Type.NORMAL, "Progress", "x".repeat(5000));

    assertThat(onlyEvent().getMessage())
        .hasSize(KubernetesEventRecorder.MAX_MESSAGE)
        .endsWith("...");
  }

  /** The events on the request; each also has a twin on the ManagedApp. */
  private List<Event> events() {
    return cluster.client().v1().events().inNamespace("db").list().getItems().stream()
        .filter(event -> !event.getInvolvedObject().getKind().equals("ManagedApp"))
        .toList();
  }

  private List<Event> appEvents() {
    return cluster.client().v1().events().inNamespace("db").list().getItems().stream()
        .filter(event -> event.getInvolvedObject().getKind().equals("ManagedApp"))
        .toList();
  }

  private Event onlyEvent() {
    assertThat(events()).hasSize(1);
    return events().get(0);
  }
}
