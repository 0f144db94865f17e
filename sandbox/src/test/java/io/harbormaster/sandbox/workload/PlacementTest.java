package io.harbormaster.sandbox.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.sandbox.apiserver.TestApiServer;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.node.SandboxNodes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("both-api-servers")
class PlacementTest {
  private static final String NS = "db";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension final TestApiServer api = new TestApiServer(NS);
  private KubernetesClient client;
  private SandboxNodes nodes;
  private WorkloadSimulation workloads;

  @BeforeEach
  void start() {
    client = api.client();
    nodes = SandboxNodes.start(client, 2);
    workloads = WorkloadSimulation.start(client);
  }

  @AfterEach
  void stop() {
    workloads.close();
    nodes.close();
  }

  @Test
  void podsSpreadEvenlyOverTheNodes() {
    client.resource(TestWorkloads.deployment(NS, "api", 4, "api:1.0")).create();

    List<Pod> pods = awaitPods(4);

    assertThat(
            pods.stream()
                .collect(Collectors.groupingBy(PlacementTest::node, Collectors.counting())))
        .isEqualTo(Map.of("sandbox-node-1", 2L, "sandbox-node-2", 2L));
  }

  @Test
  void aPodRecreatedAfterItsNodeIsCordonedMovesToAnother() {
    client.resource(TestWorkloads.statefulSet(NS, "db", 1, "postgres:16")).create();
    Pod first = awaitPods(1).get(0);
    nodes.cordon(node(first));

    client.pods().resource(first).withGracePeriod(0).delete();

    Pod moved =
        AwaitCondition.until(
            client.pods().inNamespace(NS).withName("db-0"),
            pod ->
                pod != null
                    && !pod.getMetadata().getUid().equals(first.getMetadata().getUid())
                    && pod.getMetadata().getDeletionTimestamp() == null,
            WAIT);
    assertThat(node(moved)).isIn(nodes.names()).isNotEqualTo(node(first));
  }

  /** Waits for {@code count} running pods in the namespace. */
  private List<Pod> awaitPods(int count) {
    return AwaitCondition.untilAll(
        client.pods().inNamespace(NS),
        pods ->
            pods.size() == count
                && pods.stream()
                    .allMatch(
                        pod ->
                            pod.getStatus() != null
                                && "Running".equals(pod.getStatus().getPhase())),
        WAIT);
  }

  private static String node(Pod pod) {
    return pod.getSpec().getNodeName();
  }
}
