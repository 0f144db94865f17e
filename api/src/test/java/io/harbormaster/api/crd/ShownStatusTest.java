package io.harbormaster.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The statuses built in this package show bounded texts and lists, and count what they leave out.
 */
class ShownStatusTest {
  private static final String LONG = "discovery failed: " + "x".repeat(5000);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @Test
  void aManagedAppStatusListsTheFirstFiftyOfEachListAndCountsTheOthers() {
    List<PvcItem> pvcs =
        items(73, i -> new PvcItem("db", "data-pg-" + i, "volumeClaimTemplate data"));
    List<WorkloadItem> workloads =
        items(51, i -> new WorkloadItem("StatefulSet", "db", "pg-" + i, "mounts data"));
    List<String> orphans = items(50, i -> "hm-upgrade-" + i);

    ManagedAppStatus status =
        new ManagedAppStatus(List.of(), pvcs, workloads, "15.2", "pg-15: Completed", orphans, 3L);

    assertThat(status.pvcs()).isEqualTo(pvcs.subList(0, 50));
    assertThat(status.pvcsNotListed()).isEqualTo(23);
    assertThat(status.workloads()).isEqualTo(workloads.subList(0, 50));
    assertThat(status.workloadsNotListed()).isEqualTo(1);
    assertThat(status.orphanedSnapshots()).isEqualTo(orphans);
    assertThat(status.orphanedSnapshotsNotListed()).isNull();
  }

  @Test
  void aManagedAppStatusCutsItsLongTexts() {
    ManagedAppStatus status =
        new ManagedAppStatus(
            List.of(condition(LONG)), null, null, "1." + "0".repeat(2000), null, null, 3L);

    assertThat(status.conditions().get(0).getMessage())
        .hasSize(1024)
        .startsWith("discovery failed: xxx")
        .endsWith(" more characters)");
    assertThat(status.conditions().get(0).getType()).isEqualTo("Ready");
    assertThat(status.currentVersion()).hasSize(1024).startsWith("1.000");
  }

  @Test
  void aManagedAppStatusWithinTheLimitsIsWrittenAsFound() {
    List<Condition> conditions = List.of(condition("1/1 replicas ready"));
    List<PvcItem> pvcs = List.of(new PvcItem("db", "data-pg-0", "volumeClaimTemplate data"));

    ManagedAppStatus status = new ManagedAppStatus(conditions, pvcs, null, "15.2", null, null, 3L);

    assertThat(status)
        .isEqualTo(
            new ManagedAppStatus(conditions, pvcs, null, null, null, "15.2", null, null, null, 3L));
    assertThat(JSON.asJson(status)).doesNotContain("NotListed");
  }

  @Test
  void theCountsOfAManagedAppStatusSurviveJson() {
    ManagedAppStatus status =
        new ManagedAppStatus(
            List.of(condition(LONG)),
            items(60, i -> new PvcItem("db", "p" + i, "r")),
            null,
            "1",
            null,
            null,
            1L);

    String json = JSON.asJson(status);

    assertThat(json).contains("\"pvcsNotListed\":10");
    assertThat(JSON.unmarshal(json, ManagedAppStatus.class)).isEqualTo(status);
  }

  @Test
  void aRequestThatDidNotStartShowsABoundedMessage() {
    OperationStatus status = OperationStatus.notStarted(List.of(condition(LONG)), LONG, 2L);

    assertThat(status.message())
        .hasSize(1024)
        .startsWith("discovery failed: xxx")
        .endsWith(" more characters)");
    assertThat(status.conditions().get(0).getMessage()).isEqualTo(status.message());
  }

  private static Condition condition(String message) {
    return new ConditionBuilder()
        .withType("Ready")
        .withStatus("False")
        .withReason("CheckFailed")
        .withMessage(message)
        .build();
  }

  private static <T> List<T> items(int count, java.util.function.IntFunction<T> item) {
    return IntStream.range(0, count).mapToObj(item).collect(Collectors.toList());
  }
}
