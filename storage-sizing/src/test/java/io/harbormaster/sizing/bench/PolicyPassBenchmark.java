package io.harbormaster.sizing.bench;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.harbormaster.core.sizing.ActionLedger;
import io.harbormaster.core.sizing.SizingPass;
import io.harbormaster.core.sizing.SizingPolicy;
import io.harbormaster.core.sizing.VolumeFacts;
import io.harbormaster.core.sizing.WindowState;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import io.harbormaster.sandbox.apiserver.SandboxApiServer;
import io.harbormaster.sandbox.node.SandboxNodes;
import io.harbormaster.sandbox.storage.ClaimedVolumes;
import io.harbormaster.sizing.kubelet.KubeletSummaryUsage;
import io.harbormaster.sizing.pvc.PolicyVolumes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One pass of a StoragePolicy over 10,000 PVCs mounted by pods on 200 nodes, on the sandbox's mock
 * API server and kubelets: how long reading them (PVCs, pods, StorageClass, every node's summary)
 * and deciding takes, and how many API calls it makes (goal: one per node plus a constant). Run as
 * docs/storage-sizing.md says; arguments: PVCs, nodes, passes.
 */
public final class PolicyPassBenchmark {
  private static final String NS = "db";
  private static final long GI = 1024L * 1024 * 1024;

  private PolicyPassBenchmark() {}

  public static void main(String[] args) throws InterruptedException {
    int pvcs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int nodeCount = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    try (SandboxApiServer server = SandboxApiServer.start(ApiServerKind.MOCK);
        KubernetesClient client = server.newClient("benchmark");
        // The kubelets read their pods with a client of their own: their calls are not the pass's.
        KubernetesClient kubeletClient = server.newClient("kubelets");
        SandboxNodes nodes = SandboxNodes.start(kubeletClient, nodeCount)) {
      ClaimedVolumes.in(client, NS).storageClass("expandable", true);
      List<String> names = nodes.names();
      for (int i = 0; i < pvcs; i++) {
        String pvc = "data-" + i;
        boundClaim(client, pvc);
        runningPod(client, pvc, names.get(i % names.size()));
        nodes.setUsage(NS, pvc, (5 + i % 5) * GI);
      }
      SizingPolicy policy =
          SizingPolicy.builder().requestBytes(10 * GI).limitBytes(100 * GI).build();
      PolicyVolumes volumes =
          new PolicyVolumes(client, new KubeletSummaryUsage(client, Clock.systemUTC()));
      var mock = server.mock().orElseThrow();
      for (int pass = 1; pass <= passes; pass++) {
        while (mock.takeRequest(0, TimeUnit.SECONDS) != null) {
          // drop the calls of the setup and of the pass before
        }
        long start = System.nanoTime();
        List<VolumeFacts> facts =
            volumes.matching(
                NS, new LabelSelectorBuilder().addToMatchLabels("sized", "yes").build());
        SizingPass result =
            SizingPass.run(
                policy,
                facts,
                ActionLedger.empty(),
                WindowState.alwaysOpen(),
                Instant.now(),
                Optional.empty());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Map<String, Integer> calls = new TreeMap<>();
        for (RecordedRequest request; (request = mock.takeRequest(0, TimeUnit.SECONDS)) != null; ) {
          if ("benchmark".equals(request.getHeader("User-Agent"))) {
            calls.merge(kind(request.getPath()), 1, Integer::sum);
          }
        }
        long measured = facts.stream().filter(f -> f.usage().isPresent()).count();
        System.out.printf(
            "pass %d: %d PVCs (%d measured) on %d nodes in %d ms, %d growths decided; API calls %s%n",
            pass,
            facts.size(),
            measured,
            nodeCount,
            took.toMillis(),
            result.growths().size(),
            calls);
      }
    }
  }

  private static String kind(String path) {
    return path.contains("/proxy/stats/summary")
        ? "node summaries"
        : path.replaceAll("\\?.*", "").replaceAll("/[^/]*-\\d+$", "/<name>");
  }

  private static void boundClaim(KubernetesClient client, String name) {
    client
        .persistentVolumeClaims()
        .inNamespace(NS)
        .resource(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("sized", "yes")
                .endMetadata()
                .withNewSpec()
                .withStorageClassName("expandable")
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .addToRequests("storage", new Quantity("10Gi"))
                .endResources()
                .endSpec()
                .withNewStatus()
                .withPhase("Bound")
                .addToCapacity("storage", new Quantity("10Gi"))
                .endStatus()
                .build())
        .create();
  }

  private static void runningPod(KubernetesClient client, String claim, String node) {
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("uses-" + claim)
                .endMetadata()
                .withSpec(ClaimedVolumes.mounting(claim))
                .editSpec()
                .withNodeName(node)
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .endStatus()
                .build())
        .create();
  }
}
