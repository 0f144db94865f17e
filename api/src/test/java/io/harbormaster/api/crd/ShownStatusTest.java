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
    List<String> automations = items(52, i -> "flux-system/images-" + i);
    List<String> skipped =
        items(50, i -> "ImageUpdateAutomation flux-system/broken-" + i + ": ...");

    ManagedAppStatus status =
        new ManagedAppStatus(
            List.of(),
            pvcs,
            workloads,
            automations,
            skipped,
            "15.2",
            "pg-15: Completed",
            orphans,
            null,
            null,
            3L);

    assertThat(status.pvcs()).isEqualTo(pvcs.subList(0, 50));
    assertThat(status.pvcsNotListed()).isEqualTo(23);
    assertThat(status.workloads()).isEqualTo(workloads.subList(0, 50));
    assertThat(status.workloadsNotListed()).isEqualTo(1);
    assertThat(status.orphanedSnapshots()).isEqualTo(orphans);
    assertThat(status.orphanedSnapshotsNotListed()).isNull();
    assertThat(status.imageAutomations()).isEqualTo(automations.subList(0, 50));
    assertThat(status.imageAutomationsNotListed()).isEqualTo(2);
    assertThat(status.imageAutomationsSkipped()).isEqualTo(skipped);
    assertThat(status.imageAutomationsSkippedNotListed()).isNull();
  }

  @Test
  void aManagedAppStatusCutsItsLongTexts() {
    ManagedAppStatus status =
        new ManagedAppStatus(
            List.of(condition(LONG)),
            null,
            null,
            null,
            items(51, i -> LONG),
            "1." + "0".repeat(2000),
            null,
            null,
            null,
            null,
            3L);

    assertThat(status.conditions().get(0).getMessage())
        .hasSize(1024)
        .startsWith("discovery failed: xxx")
        .endsWith(" more characters)");
    assertThat(status.conditions().get(0).getType()).isEqualTo("Ready");
    assertThat(status.currentVersion()).hasSize(1024).startsWith("1.000");
    assertThat(status.imageAutomationsSkipped())
        .hasSize(50)
        .allSatisfy(skipped -> assertThat(skipped).hasSize(1024).endsWith(" more characters)"));
    assertThat(status.imageAutomationsSkippedNotListed()).isEqualTo(1);
  }

  @Test
  void whatTheImageAutomationSearchSkippedIsShownRedacted() {
    ManagedAppStatus status =
        new ManagedAppStatus(
            List.of(),
            null,
            null,
            List.of(),
            List.of("the image automations could not be read: GET https://bot:ghp_token@k8s/x"),
            null,
            null,
            null,
            null,
            null,
            1L);

    assertThat(status.imageAutomationsSkipped())
        .containsExactly("the image automations could not be read: GET https://***@k8s/x");
  }

  @Test
  void aManagedAppStatusWithinTheLimitsIsWrittenAsFound() {
    List<Condition> conditions = List.of(condition("1/1 replicas ready"));
    List<PvcItem> pvcs = List.of(new PvcItem("db", "data-pg-0", "volumeClaimTemplate data"));

    List<String> automations = List.of("flux-system/web-images");

    ManagedAppStatus status =
        new ManagedAppStatus(
            conditions, pvcs, null, automations, null, "15.2", null, null, null, null, 3L);

    assertThat(status)
        .isEqualTo(
            new ManagedAppStatus(
                conditions,
                pvcs,
                null,
                null,
                null,
                automations,
                null,
                null,
                null,
                "15.2",
                null,
                null,
                null,
                null,
                null,
                3L));
    assertThat(JSON.asJson(status)).doesNotContain("NotListed");
  }

  @Test
  void theCountsOfAManagedAppStatusSurviveJson() {
    ManagedAppStatus status =
        new ManagedAppStatus(
            List.of(condition(LONG)),
            items(60, i -> new PvcItem("db", "p" + i, "r")),
            null,
            items(55, i -> "flux-system/images-" + i),
            null,
            "1",
            null,
            null,
            null,
            null,
            1L);

    String json = JSON.asJson(status);

    assertThat(json).contains("\"pvcsNotListed\":10", "\"imageAutomationsNotListed\":5");
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
