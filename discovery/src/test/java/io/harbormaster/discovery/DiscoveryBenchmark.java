package io.harbormaster.discovery;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.model.FluxKind;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.tenancy.Tenancy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Discovery in a crowded namespace: 5,000 pods (250 Deployments of 20 pods, the app's 3 StatefulSet
 * pods among them) and 500 RWO PVCs, on the fabric8 mock API server. Prints the median wall time of
 * a discovery after warm-up and the API calls one discovery makes. A main, not a test: figures
 * depend on the machine and belong in the README with the command that produced them.
 */
public final class DiscoveryBenchmark {
  private static final String NS = "bench";
  private static final int DEPLOYMENTS = 250;
  private static final int PODS_PER_DEPLOYMENT = 20;
  private static final int APP_REPLICAS = 3;
  private static final int PVCS = 500;
  private static final int WARM_UP = 5;
  private static final int RUNS = 15;

  /**
   * Held so the level sticks: the mock server logs every request at INFO through java.util.logging.
   */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private DiscoveryBenchmark() {}

  public static void main(String[] args) {
    MOCK_LOG.setLevel(Level.WARNING);
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    try (KubernetesClient client = server.createClient()) {
      long seedStart = System.nanoTime();
      ManagedApp app = seed(new ClusterFixture(client));
      System.out.printf(
          "seeded %d pods and %d PVCs in %.1f s%n",
          client.pods().inNamespace(NS).list().getItems().size(),
          client.persistentVolumeClaims().inNamespace(NS).list().getItems().size(),
          (System.nanoTime() - seedStart) / 1e9);

      KubernetesAppDiscovery discovery = new KubernetesAppDiscovery(client, Tenancy.ofLocalRun());
      AppTargets targets = null;
      for (int i = 0; i < WARM_UP; i++) {
        targets = discovery.discover(app);
      }
      System.out.println(
          "targets: "
              + targets.workloads().size()
              + " workloads "
              + targets.workloadRefs()
              + ", volumes "
              + targets.pvcs());

      long[] millis = new long[RUNS];
      int requestsBefore = server.getRequestCount();
      for (int i = 0; i < RUNS; i++) {
        long start = System.nanoTime();
        discovery.discover(app);
        millis[i] = (System.nanoTime() - start) / 1_000_000;
      }
      int calls = (server.getRequestCount() - requestsBefore) / RUNS;
      Arrays.sort(millis);
      System.out.printf(
          "discovery over %d runs: median %d ms, min %d ms, max %d ms; %d API calls per discovery%n",
          RUNS, millis[RUNS / 2], millis[0], millis[RUNS - 1], calls);
    } finally {
      server.destroy();
    }
  }

  /**
   * The app is a HelmRelease whose inventory names StatefulSet db (claim template data, 3 pods);
   * the other Deployments each mount one or two of the remaining PVCs, and deploy-0 also mounts the
   * app's data-db-0, so it is one of the workloads to stop.
   */
  private static ManagedApp seed(ClusterFixture cluster) {
    for (int i = 0; i < APP_REPLICAS; i++) {
      cluster.pvc(NS, "data-db-" + i, "ReadWriteOnce");
      cluster.pod(NS, "db-" + i, "StatefulSet", "db", "data-db-" + i);
    }
    cluster.apply("bench-statefulset.yaml", NS);
    for (int i = APP_REPLICAS; i < PVCS; i++) {
      cluster.pvc(NS, "vol-" + i, "ReadWriteOnce");
    }
    for (int d = 0; d < DEPLOYMENTS; d++) {
      String deployment = "deploy-" + d;
      List<String> claims =
          new ArrayList<>(
              List.of("vol-" + (APP_REPLICAS + d), "vol-" + (APP_REPLICAS + DEPLOYMENTS + d)));
      claims.removeIf(claim -> Integer.parseInt(claim.substring(4)) >= PVCS);
      if (d == 0) {
        claims.add("data-db-0");
      }
      cluster.deployment(NS, deployment, claims.toArray(String[]::new));
      String replicaSet = cluster.replicaSet(NS, deployment);
      int count = d == 0 ? PODS_PER_DEPLOYMENT - APP_REPLICAS : PODS_PER_DEPLOYMENT;
      for (int p = 0; p < count; p++) {
        cluster.pod(
            NS, replicaSet + "-" + p, "ReplicaSet", replicaSet, claims.toArray(String[]::new));
      }
    }
    cluster.flux(
        FluxKind.HELM_RELEASE,
        "helmrelease-bench.yaml",
        Map.of(
            "inventory",
            Map.of(
                "entries",
                List.of(
                    Map.of("id", NS + "_db_apps_StatefulSet", "v", "v1"),
                    Map.of("id", NS + "_db__Service", "v", "v1")))));
    return ManagedApp.builder()
        .id(ObjectRef.of(NS, "db"))
        .flux(
            FluxSource.builder()
                .kustomization(ObjectRef.of("flux-system", "apps"))
                .helmRelease(ObjectRef.of(NS, "db"))
                .build())
        .git(
            GitLocation.builder()
                .repository("https://git.example.com/fleet.git")
                .filePath("apps/db/release.yaml")
                .versionPath("spec.chart.spec.version")
                .build())
        .build();
  }
}
