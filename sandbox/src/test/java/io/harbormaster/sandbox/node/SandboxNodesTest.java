package io.harbormaster.sandbox.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.harbormaster.sandbox.apiserver.TestApiServer;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.storage.SandboxStorage;
import io.harbormaster.sandbox.workload.TestWorkloads;
import io.harbormaster.sandbox.workload.WorkloadSimulation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The kubelets' volume stats, read as the product reads them: through the API server's proxy. */
@Tag("both-api-servers")
class SandboxNodesTest {
  private static final String NS = "db";
  private static final String CLAIM = "data-db-0";
  private static final long GIB = 1L << 30;
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final TestApiServer api = new TestApiServer(NS);
  @TempDir Path root;
  private KubernetesClient client;
  private SandboxStorage storage;
  private SandboxNodes nodes;
  private WorkloadSimulation workloads;

  @BeforeEach
  void start() {
    client = api.client();
    storage = new SandboxStorage(client, root, Clock.systemUTC());
    nodes = SandboxNodes.start(client, 2);
    workloads = WorkloadSimulation.start(client);
  }

  @AfterEach
  void stop() {
    workloads.close();
    nodes.close();
    storage.close();
  }

  @Test
  void theNodeProxyReportsTheSetUsageOnAFilesystemSmallerThanTheClaim() throws IOException {
    String node = runDatabase();
    nodes.setUsage(NS, CLAIM, 300L << 20);

    Answer answer = proxyGet(node);

    assertThat(answer.code()).isEqualTo(200);
    JsonNode summary = JSON.readTree(answer.body());
    assertThat(summary.path("node").path("nodeName").asText()).isEqualTo(node);
    JsonNode pod = onlyPod(summary);
    assertThat(pod.path("podRef").path("name").asText()).isEqualTo("db-0");
    assertThat(pod.path("podRef").path("namespace").asText()).isEqualTo(NS);
    JsonNode volume = pod.path("volume").get(0);
    assertThat(volume.path("name").asText()).isEqualTo("data");
    assertThat(volume.path("pvcRef").path("name").asText()).isEqualTo(CLAIM);
    assertThat(volume.path("pvcRef").path("namespace").asText()).isEqualTo(NS);
    long capacity = volume.path("capacityBytes").asLong();
    assertThat(capacity).isEqualTo(GIB - GIB * StatsSummary.FILESYSTEM_OVERHEAD_PERCENT / 100);
    assertThat(capacity).isLessThan(GIB);
    assertThat(volume.path("usedBytes").asLong()).isEqualTo(300L << 20);
    assertThat(volume.path("availableBytes").asLong()).isEqualTo(capacity - (300L << 20));
    assertThat(volume.path("inodesUsed").asLong()).isPositive();
    assertThat(volume.path("inodesFree").asLong())
        .isEqualTo(volume.path("inodes").asLong() - volume.path("inodesUsed").asLong());
  }

  @Test
  void aClaimWithoutUsageIsAbsentAndAPodOnlyOnItsOwnNode() throws IOException {
    String node = runDatabase();
    String other = nodes.names().stream().filter(name -> !name.equals(node)).findFirst().get();

    JsonNode summary = JSON.readTree(proxyGet(node).body());

    assertThat(onlyPod(summary).path("podRef").path("name").asText()).isEqualTo("db-0");
    assertThat(onlyPod(summary).has("volume")).isFalse();
    assertThat(JSON.readTree(proxyGet(other).body()).path("pods")).isEmpty();
  }

  @Test
  void anUnknownNodeIsNotFound() throws IOException {
    Answer answer = proxyGet("nowhere");

    assertThat(answer.code()).isEqualTo(404);
    JsonNode status = JSON.readTree(answer.body());
    assertThat(status.path("reason").asText()).isEqualTo("NotFound");
    assertThat(status.path("message").asText()).isEqualTo("nodes \"nowhere\" not found");
  }

  @Test
  void aKubeletThatDoesNotAnswerIsAnErrorReachingItUntilItAnswersAgain() throws IOException {
    String node = nodes.names().get(0);
    nodes.stopAnswering(node);

    Answer silent = proxyGet(node);

    // kube-apiserver 1.20 answers 500, with no reason, and quotes its dialer's error.
    assertThat(silent.code()).as(silent.body()).isEqualTo(500);
    JsonNode status = JSON.readTree(silent.body());
    assertThat(status.has("reason")).isFalse();
    assertThat(status.path("message").asText())
        .startsWith("error trying to reach service: dial tcp 127.0.0.1:")
        .endsWith(": connect: connection refused");

    nodes.answerAgain(node);
    assertThat(proxyGet(node).code()).isEqualTo(200);
  }

  /** Runs StatefulSet {@code db} with one PVC; returns the node its pod runs on. */
  private String runDatabase() {
    client.resource(TestWorkloads.statefulSet(NS, "db", 1, "postgres:16")).create();
    AwaitCondition.until(
        client.persistentVolumeClaims().inNamespace(NS).withName(CLAIM),
        claim ->
            claim != null
                && claim.getStatus() != null
                && "Bound".equals(claim.getStatus().getPhase()),
        WAIT);
    Pod pod =
        AwaitCondition.until(
            client.pods().inNamespace(NS).withName("db-0"),
            running ->
                running != null
                    && running.getStatus() != null
                    && "Running".equals(running.getStatus().getPhase()),
            WAIT);
    assertThat(pod.getSpec().getNodeName()).isIn(nodes.names());
    return pod.getSpec().getNodeName();
  }

  private static JsonNode onlyPod(JsonNode summary) {
    List<JsonNode> pods = StreamSupport.stream(summary.path("pods").spliterator(), false).toList();
    assertThat(pods).hasSize(1);
    return pods.get(0);
  }

  private record Answer(int code, String body) {}

  /** The API server's answer, error or not, to the node proxy's stats summary of {@code node}. */
  /**
   * One GET of the node's summary, without the client's retries: they would ask a silent kubelet
   * again and again for some 20 s before giving its 500.
   */
  private Answer proxyGet(String node) {
    URI uri =
        URI.create(client.getMasterUrl().toString())
            .resolve("/api/v1/nodes/" + node + "/proxy/stats/summary");
    try (KubernetesClient once =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(client.getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build()) {
      HttpClient http = once.getHttpClient();
      HttpResponse<String> response =
          http.sendAsync(http.newHttpRequestBuilder().uri(uri).build(), String.class).get();
      return new Answer(response.code(), response.body());
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
