package io.harbormaster.sizing.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.port.VolumeUsageSource;
import io.harbormaster.core.sizing.ImmutableUsageReport;
import io.harbormaster.core.sizing.UsageReport;
import io.harbormaster.core.sizing.VolumeUsage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads {@code /api/v1/nodes/<node>/proxy/stats/summary}: each pod's PVC volumes with their used
 * bytes and their filesystem's size. The API server reaches the kubelet; the caller needs {@code
 * get} on {@code nodes/proxy}. Nodes are asked {@value #PARALLEL} at a time, each once, without the
 * client's retries and within {@link #NODE_TIMEOUT}: a node that went away answers 503 (or not at
 * all) on every try, and one such node must not hold up a pass over the others.
 */
public final class KubeletSummaryUsage implements VolumeUsageSource {
  static final Duration NODE_TIMEOUT = Duration.ofSeconds(10);
  private static final int PARALLEL = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final Clock clock;

  /** Asks the nodes through {@code client}'s configuration, with no retries and a time limit. */
  public KubeletSummaryUsage(KubernetesClient client, Clock clock) {
    this.client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(client.getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    .withRequestTimeout((int) NODE_TIMEOUT.toMillis())
                    .build())
            .build();
    this.clock = clock;
  }

  /** A node's answer: its summary, or why there is none. */
  private record Answer(String node, String summary, String failure) {}

  @Override
  public UsageReport read(Set<String> nodes) {
    ImmutableUsageReport.Builder report = UsageReport.builder();
    Map<ObjectRef, VolumeUsage> volumes = new HashMap<>();
    ExecutorService askers =
        Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, nodes.size())));
    try {
      List<CompletableFuture<Answer>> answers =
          new TreeSet<>(nodes)
              .stream()
                  .map(node -> CompletableFuture.supplyAsync(() -> ask(node), askers))
                  .toList();
      for (CompletableFuture<Answer> pending : answers) {
        Answer answer = pending.join();
        if (answer.failure() != null) {
          report.putNodesNotAnswering(answer.node(), answer.failure());
          continue;
        }
        try {
          readVolumes(JSON.readTree(answer.summary()), volumes);
        } catch (IOException | RuntimeException unreadable) {
          report.putNodesNotAnswering(answer.node(), "its summary is not the kubelet's JSON");
        }
      }
    } finally {
      askers.shutdownNow();
    }
    return report.putAllVolumes(volumes).build();
  }

  private Answer ask(String node) {
    try {
      String summary = client.raw("/api/v1/nodes/" + node + "/proxy/stats/summary");
      return summary == null
          ? new Answer(node, null, "the API server knows no such node")
          : new Answer(node, summary, null);
    } catch (KubernetesClientException failed) {
      return new Answer(node, null, answer(failed));
    }
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
