package io.harbormaster.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("both-api-servers")
class SampleAppsTest {
  @TempDir Path work;

  @Test
  void thePostgresReleaseIsInstalledFromTheSandboxsChartRepositoryOverHttp() {
    try (SandboxCluster cluster = SandboxCluster.start(work, Set.of())) {
      new SampleApps(cluster).postgres("1.0.0", 1);

      GenericKubernetesResource repository =
          cluster
              .fluxObject(
                  "source.toolkit.fluxcd.io/v1",
                  "HelmRepository",
                  SampleApps.DB_NAMESPACE,
                  "charts")
              .get();
      assertThat(repository.<String>get("spec", "url"))
          .isEqualTo(cluster.chartRepositoryUrl())
          .startsWith("http://127.0.0.1:")
          .endsWith("/" + SandboxCluster.CHART_REPOSITORY);
      assertThat(ready(repository)).containsEntry("status", "True");
      assertThat(cluster.chartServer().indexFetches(SandboxCluster.CHART_REPOSITORY))
          .as("the HelmRepository read the index over HTTP")
          .isPositive();
      assertThat(
              cluster
                  .client()
                  .apps()
                  .statefulSets()
                  .inNamespace(SampleApps.DB_NAMESPACE)
                  .withName(SampleApps.DB)
                  .get()
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .getImage())
          .isEqualTo("postgres:15.1");
      assertThat(cluster.charts().published())
          .extracting(published -> published.version())
          .doesNotContain(PostgresChart.UNPUBLISHED_VERSION);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> ready(GenericKubernetesResource object) {
    return ((List<Map<String, Object>>) object.get("status", "conditions"))
        .stream()
            .filter(condition -> Objects.equals("Ready", condition.get("type")))
            .findFirst()
            .orElse(Map.of());
  }
}
