package io.harbormaster.api.mapping;

import static io.harbormaster.core.sizing.SizingPolicy.GI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.harbormaster.api.crd.StoragePolicySpec;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.sizing.MaintenanceWindow;
import io.harbormaster.core.sizing.SizingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoragePolicyMapperTest {
  private static StoragePolicySpec spec(
      String request, String limit, Integer buffer, Integer threshold, String schedule) {
    return new StoragePolicySpec(
        new LabelSelectorBuilder().addToMatchLabels("app", "pg").build(),
        null,
        request,
        limit,
        buffer,
        threshold,
        "512Mi",
        "2Gi",
        schedule == null ? null : new StoragePolicySpec.MaintenanceWindow(schedule, "2h"),
        6,
        2,
        "1h30m");
  }

  @Test
  void everyFieldReachesTheCorePolicy() {
    SizingPolicy policy = StoragePolicyMapper.toCore(spec("10Gi", "1Ti", 25, 97, null));

    assertThat(policy.requestBytes()).isEqualTo(10 * GI);
    assertThat(policy.limitBytes()).isEqualTo(1024 * GI);
    assertThat(policy.targetBufferPercent()).isEqualTo(25);
    assertThat(policy.criticalThresholdPercent()).isEqualTo(97);
    assertThat(policy.criticalMinimumFreeBytes()).isEqualTo(GI / 2);
    assertThat(policy.stepBytes()).isEqualTo(2 * GI);
    assertThat(policy.maxActionsPerDay()).isEqualTo(6);
    assertThat(policy.reservedForEmergency()).isEqualTo(2);
    assertThat(policy.minimumInterval()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void unsetFieldsTakeCoresDefaults() {
    StoragePolicySpec bare =
        new StoragePolicySpec(
            null, "pg", "10Gi", "20Gi", null, null, null, null, null, null, null, null);

    SizingPolicy policy = StoragePolicyMapper.toCore(bare);

    assertThat(policy.targetBufferPercent()).isEqualTo(20);
    assertThat(policy.stepBytes()).isEqualTo(GI);
    assertThat(StoragePolicyMapper.window(bare)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "limit below request | 20Gi | 10Gi | 20 | 95 | | spec.limit",
        "a limit in words | 10Gi | ten | 20 | 95 | | spec.limit",
        "a request of nothing | 0 | 10Gi | 20 | 95 | | spec.request",
        "a buffer of 95 % | 10Gi | 20Gi | 95 | 99 | | spec.targetBuffer",
        "a threshold at the buffer line | 10Gi | 20Gi | 20 | 80 | | spec.criticalThreshold",
        "a bad cron | 10Gi | 20Gi | 20 | 95 | 0 3 * * | spec.maintenanceWindow.schedule",
        "a cron hour of 25 | 10Gi | 20Gi | 20 | 95 | 0 25 * * * | spec.maintenanceWindow.schedule",
      })
  void anInvalidPolicyIsRefusedWithTheFieldNamed(
      String what,
      String request,
      String limit,
      int buffer,
      int threshold,
      String schedule,
      String field) {
    StoragePolicySpec spec = spec(request, limit, buffer, threshold, schedule);

    assertThatThrownBy(
            () -> {
              StoragePolicyMapper.toCore(spec);
              StoragePolicyMapper.window(spec);
            })
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith(field + ": ");
  }

  @Test
  void aPolicySelectsByLabelsOrByAppNotBoth() {
    StoragePolicySpec both =
        new StoragePolicySpec(
            new LabelSelectorBuilder().build(),
            "pg",
            "10Gi",
            "20Gi",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    assertThatThrownBy(() -> StoragePolicyMapper.toCore(both))
        .hasMessageStartingWith("spec.selector: give either spec.selector or spec.managedApp");
  }

  @Test
  void aFiveFieldScheduleIsReadAsOneAndSaidSo() {
    Optional<MaintenanceWindow> window =
        StoragePolicyMapper.window(spec("10Gi", "20Gi", 20, 95, "0 3 * * *"));

    assertThat(window.orElseThrow().describe())
        .isEqualTo("'0 3 * * *' (5 fields, at second 0; UTC) for 2h");
    assertThat(MaintenanceWindow.at(window, Instant.parse("2026-11-28T04:30:00Z")).open()).isTrue();
    assertThat(MaintenanceWindow.at(window, Instant.parse("2026-11-28T05:30:00Z")).open())
        .isFalse();
  }
}
