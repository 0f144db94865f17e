package io.harbormaster.sizing.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.port.VolumeUsageSource;
import io.harbormaster.core.sizing.ImmutableUsageReport;
import io.harbormaster.core.sizing.UsageReport;
import io.harbormaster.core.sizing.VolumeUsage;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code /api/v1/nodes/<node>/proxy/stats/summary}: each pod's PVC volumes with their used
 * bytes and their filesystem's size. The API server reaches the kubelet; the caller needs {@code
 * get} on {@code nodes/proxy}.
 */
public final class KubeletSummaryUsage implements VolumeUsageSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final Clock clock;

  public KubeletSummaryUsage(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public UsageReport read(Set<String> nodes) {
    ImmutableUsageReport.Builder report = UsageReport.builder();
    Map<ObjectRef, VolumeUsage> volumes = new HashMap<>();
    for (String node : new TreeSet<>(nodes)) {
      String summary;
      try {
        summary = client.raw("/api/v1/nodes/" + node + "/proxy/stats/summary");
      } catch (KubernetesClientException failed) {
        report.putNodesNotAnswering(node, answer(failed));
        continue;
      }
      if (summary == null) {
        report.putNodesNotAnswering(node, "the API server knows no such node");
        continue;
      }
      try {
        readVolumes(JSON.readTree(summary), volumes);
      } catch (IOException | RuntimeException unreadable) {
        report.putNodesNotAnswering(node, "its summary is not the kubelet's JSON");
      }
    }
    return report.putAllVolumes(volumes).build();
  }

  /** A volume two pods mount (ReadWriteMany) keeps its newest measurement. */
  private void readVolumes(JsonNode summary, Map<ObjectRef, VolumeUsage> volumes) {
    for (JsonNode pod : summary.path("pods")) {
      for (JsonNode volume : pod.path("volume")) {
        JsonNode pvc = volume.path("pvcRef");
        if (pvc.isMissingNode() || !volume.has("usedBytes") || !volume.has("capacityBytes")) {
          continue;
        }
        volumes.merge(
            ObjectRef.of(pvc.path("namespace").asText(), pvc.path("name").asText()),
            VolumeUsage.builder()
                .usedBytes(volume.path("usedBytes").asLong())
                .filesystemBytes(volume.path("capacityBytes").asLong())
                .measuredAt(measuredAt(volume.path("time").asText("")))
                .build(),
            (one, other) -> other.measuredAt().isAfter(one.measuredAt()) ? other : one);
      }
    }
  }

  private Instant measuredAt(String time) {
    try {
      return Instant.parse(time);
    } catch (DateTimeParseException noTime) {
      return clock.instant();
    }
  }

  /** What the API server said, as a status shows it: its code and message, never a stack trace. */
  private static String answer(KubernetesClientException failed) {
    String message =
        failed.getStatus() != null && failed.getStatus().getMessage() != null
            ? failed.getStatus().getMessage()
            : String.valueOf(failed.getMessage());
    return failed.getCode() > 0 ? failed.getCode() + " " + message : message;
  }
}
