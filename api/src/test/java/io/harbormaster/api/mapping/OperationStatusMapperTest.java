package io.harbormaster.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.core.discovery.VolumeTarget;
import io.harbormaster.core.discovery.WorkloadTarget;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.operation.ImmutableOperationState;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.PhaseRecord;
import io.harbormaster.core.port.ValueChange;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperationStatusMapperTest {
  private static final OperationId ID = OperationId.rollback(ObjectRef.of("db", "pg-15-rollback"));
  private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456789Z");

  /**
   * Every attribute set to something other than its default, so a field the mapping drops shows.
   */
  private static final OperationState EVERYTHING =
      OperationState.builder()
          .id(ID)
          .app(ObjectRef.of("db", "pg"))
          .phase(Phase.FAILED)
          .phaseStartedAt(T0.plusSeconds(90))
          .progressAt(T0.plusSeconds(60))
          .progress(2)
          .attempts(3)
          .lastError("git host did not answer")
          .lastWarning("snapshot error: quota")
          .waitingFor("Deployment db/backup to have 1/1 replicas ready")
          .target(
              TargetVersion.builder()
                  .version("15.2")
                  .putImageTag("postgres", "15.2-alpine")
                  .build())
          .addWorkload(WorkloadTarget.of(WorkloadRef.statefulSet("db", "pg"), "mounts data-pg-0"))
          .addWorkload(
              WorkloadTarget.of(WorkloadRef.deployment("db", "backup"), "mounts data-pg-0 too"))
          .addVolume(
              VolumeTarget.of(ObjectRef.of("db", "data-pg-0"), "ReadWriteOnce, mounted by pg"))
          .putOriginalReplica(WorkloadRef.statefulSet("db", "pg"), 1)
          .putOriginalReplica(WorkloadRef.deployment("db", "backup"), 0)
          .putSnapshot(
              ObjectRef.of("db", "data-pg-0"), ObjectRef.of("db", "hm-upgrade-pg-15-data-pg-0"))
          .addImageAutomation(ObjectRef.of("flux-system", "pg-images"))
          .addVersionChange(ValueChange.of("spec.chart.spec.version", "14.1", "15.2"))
          .commitId("0123456789abcdef0123456789abcdef01234567")
          .upgrade(ObjectRef.of("db", "pg-15"))
          .revertOf("fedcba9876543210fedcba9876543210fedcba98")
          .failedIn(Phase.HEALTH_CHECK)
          .rollbackRequested(true)
          .settled(true)
          .message("phase HealthCheck timed out")
          .addHistory(PhaseRecord.of(Phase.PENDING, T0, T0.plusSeconds(1), "found 1 workload"))
          .addHistory(
              PhaseRecord.of(Phase.SUSPEND, T0.plusSeconds(1), T0.plusSeconds(2), "suspended"))
          .build();

  @Test
  void everyFieldSurvivesAStatusRoundTripThroughJson() {
    List<Condition> conditions =
        List.of(
            new ConditionBuilder()
                .withType("Succeeded")
                .withStatus("False")
                .withReason("Failed")
                .build());
    OperationStatus status = OperationStatusMapper.toStatus(EVERYTHING, conditions, 4L);

    KubernetesSerialization json = new KubernetesSerialization();
    OperationStatus stored = json.unmarshal(json.asJson(status), OperationStatus.class);

    assertThat(OperationStatusMapper.toState(ID, stored)).contains(EVERYTHING);
    assertThat(stored.conditions()).isEqualTo(conditions);
    assertThat(stored.observedGeneration()).isEqualTo(4L);
  }

  @Test
  void theFixtureSetsEveryAttributeSoTheRoundTripCoversIt() throws Exception {
    OperationState defaults =
        OperationState.builder()
            .id(OperationId.upgrade(ObjectRef.of("other", "request")))
            .app(ObjectRef.of("other", "app"))
            .phase(Phase.PENDING)
            .phaseStartedAt(Instant.EPOCH)
            .build();
    for (Method accessor : OperationState.class.getDeclaredMethods()) {
      if (Modifier.isAbstract(accessor.getModifiers()) || isDefaultAttribute(accessor)) {
        assertThat(accessor.invoke(EVERYTHING))
            .as("OperationState.%s must differ from its default in the fixture", accessor.getName())
            .isNotEqualTo(accessor.invoke(defaults))
            .isNotIn(Optional.empty(), List.of(), Map.of());
      }
    }
  }

  @Test
  void theTextsPeopleReadAreCutToWhatAStatusShows() {
    String longText = "git push failed: " + "e".repeat(5000);
    OperationState state =
        EVERYTHING.with(
            b ->
                b.message(longText)
                    .lastError(longText)
                    .waitingFor(longText)
                    .history(
                        List.of(PhaseRecord.of(Phase.PENDING, T0, T0.plusSeconds(1), longText))));
    List<Condition> conditions =
        List.of(
            new ConditionBuilder()
                .withType("Failed")
                .withStatus("True")
                .withReason("Failed")
                .withMessage(longText)
                .build());

    OperationStatus status = OperationStatusMapper.toStatus(state, conditions, 4L);

    assertThat(
            List.of(
                status.message(),
                status.lastError(),
                status.waitingFor(),
                status.history().get(0).summary(),
                status.conditions().get(0).getMessage()))
        .allSatisfy(
            text ->
                assertThat(text)
                    .hasSize(1024)
                    .startsWith("git push failed: eee")
                    .endsWith(" more characters)"));
  }

  @Test
  void whatARestartedOperatorResumesFromIsKeptWholeHoweverLong() {
    ImmutableOperationState.Builder builder = OperationState.builder().from(EVERYTHING);
    for (int i = 0; i < 120; i++) {
      WorkloadRef workload = WorkloadRef.statefulSet("db", "kafka-" + i);
      ObjectRef pvc = ObjectRef.of("db", "data-kafka-" + i);
      builder
          .addWorkload(WorkloadTarget.of(workload, "mounts data-kafka-" + i))
          .addVolume(VolumeTarget.of(pvc, "volumeClaimTemplate data"))
          .putOriginalReplica(workload, 1)
          .putSnapshot(pvc, ObjectRef.of("db", "hm-upgrade-pg-15-data-kafka-" + i))
          .addVersionChange(ValueChange.of("images[name=sidecar-" + i + "].newTag", "1", "2"));
    }
    // Compared whole with the next warning, so that each is reported once.
    OperationState state = builder.lastWarning("snapshot errors: " + "quota; ".repeat(500)).build();

    KubernetesSerialization json = new KubernetesSerialization();
    OperationStatus stored =
        json.unmarshal(
            json.asJson(OperationStatusMapper.toStatus(state, List.of(), 4L)),
            OperationStatus.class);

    assertThat(OperationStatusMapper.toState(ID, stored)).contains(state);
  }

  @Test
  void aStatusWithoutPhaseIsAnOperationNotStartedYet() {
    assertThat(OperationStatusMapper.toState(ID, null)).isEmpty();
    assertThat(
            OperationStatusMapper.toState(
                ID,
                new OperationStatus(
                    null, null, List.of(), null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null)))
        .isEmpty();
  }

  /**
   * Immutables' {@code @Value.Default} is not kept at run time, so the defaulted attributes are
   * named.
   */
  private static boolean isDefaultAttribute(Method method) {
    return method.getParameterCount() == 0
        && List.of("progress", "attempts", "rollbackRequested", "settled")
            .contains(method.getName());
  }
}
