package io.harbormaster.sandbox.flux.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresChartTest {
  private final PostgresChart chart = PostgresChart.standard();

  @Test
  void valuesOverrideTheDefaults() {
    List<HasMetadata> objects =
        chart.render(
            "orders",
            "shop",
            "2.0.0",
            Map.of(
                "image", Map.of("repository", "mirror/postgres", "tag", "16.1-broken"),
                "replicas", 3,
                "persistence", Map.of("storageClassName", "fast", "size", "20Gi")));

    StatefulSet set = (StatefulSet) objects.get(0);
    assertThat(set.getMetadata().getName()).isEqualTo("orders");
    assertThat(set.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(set.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/version", "16.1")
        .containsEntry("helm.sh/chart", "postgres-2.0.0");
    assertThat(set.getSpec().getReplicas()).isEqualTo(3);
    assertThat(set.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("mirror/postgres:16.1-broken");
    assertThat(set.getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName())
        .isEqualTo("fast");
    assertThat(
            set.getSpec()
                .getVolumeClaimTemplates()
                .get(0)
                .getSpec()
                .getResources()
                .getRequests()
                .get("storage")
                .toString())
        .isEqualTo("20Gi");
    Deployment backup = (Deployment) objects.get(1);
    assertThat(backup.getMetadata().getName()).isEqualTo("orders-backup");
    assertThat(
            backup
                .getSpec()
                .getTemplate()
                .getSpec()
                .getVolumes()
                .get(0)
                .getPersistentVolumeClaim()
                .getClaimName())
        .isEqualTo("data-orders-0");
    assertThat(backup.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/component", "backup")
        .isNotEqualTo(set.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void badValuesAndUnknownVersionsAreNamed() {
    assertThatThrownBy(() -> chart.render("db", "db", "1.0.0", Map.of("replicas", "two")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("values.replicas must be a whole number of at least 0, was 'two'");
    assertThatThrownBy(
            () -> chart.render("db", "db", "1.0.0", Map.of("image", Map.of("tag", List.of("15")))))
        .hasMessageContaining("values.image.tag must be a single value");
    assertThatThrownBy(() -> chart.render("db", "db", "9.9.9", Map.of()))
        .hasMessageContaining("chart postgres has no version 9.9.9");
  }

  @Test
  void aCatalogueRefusesTwoChartsOfOneName() {
    assertThat(ChartCatalogue.standard().chart("postgres")).isPresent();
    assertThat(ChartCatalogue.standard().chart("mysql")).isEmpty();
    assertThatThrownBy(
            () ->
                ChartCatalogue.of(
                    PostgresChart.standard(), new PostgresChart(Map.of("3.0.0", "17.0"))))
        .hasMessage("two charts are named 'postgres': chart names must be unique");
  }

  @Test
  void aWithdrawnVersionLeavesTheIndexAndWithdrawingAnUnlistedOneChangesNothing() {
    ChartCatalogue catalogue = ChartCatalogue.standard();
    catalogue.publish(PostgresChart.NAME, PostgresChart.UNPUBLISHED_VERSION);

    catalogue.withdraw(PostgresChart.NAME, PostgresChart.UNPUBLISHED_VERSION);
    List<ChartCatalogue.Published> after = catalogue.published();
    catalogue.withdraw(PostgresChart.NAME, PostgresChart.UNPUBLISHED_VERSION);
    catalogue.withdraw("mysql", "1.0.0");

    assertThat(after)
        .extracting(ChartCatalogue.Published::version)
        .contains("1.0.0", "1.1.0")
        .doesNotContain(PostgresChart.UNPUBLISHED_VERSION);
    assertThat(catalogue.published()).containsExactlyInAnyOrderElementsOf(after);
  }
}
