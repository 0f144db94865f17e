package io.harbormaster.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.PhaseRecord;
import io.harbormaster.core.sizing.VolumeFacts;
import io.harbormaster.core.sizing.VolumeUsage;
import io.harbormaster.embedded.runtime.OperatorMetrics;
import io.javaoperatorsdk.operator.RuntimeInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthServerTest {
  private final RuntimeInfo runtime = mock(RuntimeInfo.class);
  private final OperatorMetrics metrics = new OperatorMetrics();
  private final HealthServer server = HealthServer.start(0, () -> runtime, metrics);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void livenessFollowsTheOperatorAndReadinessItsWatches() throws Exception {
    when(runtime.isStarted()).thenReturn(false);
    assertThat(get("/healthz").statusCode()).isEqualTo(503);

    when(runtime.isStarted()).thenReturn(true);
    when(runtime.allEventSourcesAreHealthy()).thenReturn(false);
    when(runtime.unhealthyEventSources()).thenReturn(Map.of("upgraderequestreconciler", Map.of()));
    HttpResponse<String> notReady = get("/readyz");
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).contains("upgraderequestreconciler");

    when(runtime.allEventSourcesAreHealthy()).thenReturn(true);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsShowPhaseDurationsAndOutcomes() throws Exception {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    OperationState before =
        OperationState.builder()
            .id(OperationId.upgrade(ObjectRef.of("shop", "up")))
            .app(ObjectRef.of("shop", "db"))
            .phase(Phase.HEALTH_CHECK)
            .phaseStartedAt(t0)
            .addHistory(
                PhaseRecord.of(Phase.SUSPEND, t0.minusSeconds(10), t0.minusSeconds(7), "suspended"))
            .build();
    OperationState after =
        before.with(
            b ->
                b.phase(Phase.COMPLETED)
                    .settled(true)
                    .addHistory(
                        PhaseRecord.of(Phase.HEALTH_CHECK, t0, t0.plusSeconds(42), "healthy")));

    metrics.stepped(before, after);
    String scrape = get("/metrics").body();

    assertThat(scrape)
        .contains(
            "harbormaster_phase_duration_seconds_count{operation=\"upgrade\",outcome=\"done\",phase=\"HealthCheck\"} 1")
        .contains(
            "harbormaster_phase_duration_seconds_sum{operation=\"upgrade\",outcome=\"done\",phase=\"HealthCheck\"} 42.0")
        .contains("harbormaster_operations_total{operation=\"upgrade\",outcome=\"completed\"} 1.0")
        .doesNotContain("phase=\"Suspend\"");
  }

  @Test
  void metricsShowEachSizedPvcAndWhetherItsUsageIsKnown() throws Exception {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    VolumeFacts measured =
        VolumeFacts.builder()
            .pvc(ObjectRef.of("db", "data-0"))
            .uid("uid-0")
            .capacityBytes(10L << 30)
            .requestedBytes(10L << 30)
            .phase("Bound")
            .mounted(true)
            .usage(
                VolumeUsage.builder()
                    .usedBytes(6L << 30)
                    .filesystemBytes(9L << 30)
                    .measuredAt(now)
                    .build())
            .build();
    VolumeFacts unknown =
        VolumeFacts.builder()
            .from(measured)
            .pvc(ObjectRef.of("db", "data-1"))
            .uid("uid-1")
            .usage(Optional.empty())
            .usageUnknownBecause("no running pod mounts it")
            .build();

    metrics.sized(ObjectRef.of("db", "data"), List.of(measured, unknown), 1);
    String scrape = get("/metrics").body();

    assertThat(scrape)
        .contains(
            "harbormaster_storage_volume_capacity_bytes{namespace=\"db\",policy=\"data\",pvc=\"data-0\"} 1.073741824E10")
        .contains(
            "harbormaster_storage_volume_used_bytes{namespace=\"db\",policy=\"data\",pvc=\"data-0\"} 6.442450944E9")
        .doesNotContain(
            "harbormaster_storage_volume_used_bytes{namespace=\"db\",policy=\"data\",pvc=\"data-1\"}")
        .contains(
            "harbormaster_storage_volume_usage_known{namespace=\"db\",policy=\"data\",pvc=\"data-1\"} 0.0")
        .contains("harbormaster_storage_growths_total{namespace=\"db\",policy=\"data\"} 1.0");
  }
}
