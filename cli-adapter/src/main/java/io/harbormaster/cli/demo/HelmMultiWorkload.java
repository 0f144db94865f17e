package io.harbormaster.cli.demo;

import static io.harbormaster.sandbox.cluster.SampleApps.DB;
import static io.harbormaster.sandbox.cluster.SampleApps.DB_FILE;
import static io.harbormaster.sandbox.cluster.SampleApps.DB_KUSTOMIZATION;
import static io.harbormaster.sandbox.cluster.SampleApps.DB_NAMESPACE;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.cli.progress.UpgradeFollower;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.embedded.local.UpgradeOutcome;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.harbormaster.testkit.HarbormasterSandbox;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A HelmRelease app with two workloads on three volumes: a 3-replica StatefulSet and a backup
 * Deployment that mounts the first replica's PVC. Both must stop before the snapshots, found
 * through the Helm release secret and the pods' owners.
 */
final class HelmMultiWorkload extends DemoScenario {
  private static final String REQUEST = "postgres-to-1-1-0";
  private static final int REPLICAS = 3;
  private static final String DATA_FILE = "PG_VERSION";

  HelmMultiWorkload() {
    super(
        "helm-multi-workload",
        "upgrade a HelmRelease (StatefulSet x3 + backup Deployment, three PVCs) from chart 1.0.0 to 1.1.0");
  }

  @Override
  void run(HarbormasterSandbox cluster, PrintWriter out, Checks checks)
      throws InterruptedException {
    out.println(
        "Installing app db/postgres from git: HelmRelease postgres (chart 1.0.0, PostgreSQL 15.1, 3 replicas),"
            + " applied by Kustomization flux-system/db");
    cluster.postgres("1.0.0", REPLICAS, "1m");
    List<ObjectRef> pvcs = IntStream.range(0, REPLICAS).mapToObj(SampleApps::postgresPvc).toList();
    for (ObjectRef pvc : pvcs) {
      cluster.sandbox().storage().files().write(pvc, DATA_FILE, data(pvc));
    }
    out.printf(
        "The app is Ready; each replica wrote %s to its PVC (%s)%n",
        DATA_FILE, String.join(", ", pvcs.stream().map(ObjectRef::toString).toList()));
    out.printf(
        "UpgradeRequest %s/%s: %s chart 1.0.0 -> 1.1.0 (PostgreSQL 15.2)%n",
        DB_NAMESPACE, REQUEST, DB);
    cluster.upgrade(DB_NAMESPACE, REQUEST, DB, "1.1.0");
    UpgradeOutcome outcome =
        new UpgradeFollower(cluster.client(), out)
            .follow(DB_NAMESPACE, REQUEST, Demo.OPERATION_WAIT);

    OperationStatus status = outcome.upgrade().getStatus();
    List<String> stopped =
        Objects.requireNonNullElse(
                status.workloads(), List.<io.harbormaster.api.crd.WorkloadItem>of())
            .stream()
            .map(w -> w.kind() + " " + w.name())
            .sorted()
            .toList();
    checks.check("the upgrade completed", outcome.upgraded());
    checks.check(
        "it stopped both workloads: " + String.join(", ", stopped),
        stopped.equals(List.of("Deployment postgres-backup", "StatefulSet postgres")));
    checks.check(
        "it took and keeps a VolumeSnapshot of each of the 3 PVCs",
        cluster.snapshotsReady(status, REPLICAS));
    checks.check(
        "git holds chart version 1.1.0 in commit " + Demo.shortId(status.commitId()),
        cluster
            .sandbox()
            .fleet()
            .read(SandboxCluster.BRANCH, DB_FILE)
            .contains("version: \"1.1.0\""));
    checks.check(
        "StatefulSet db/postgres runs postgres:15.2 with 3/3 Ready",
        runs(cluster, "postgres:15.2"));
    checks.check(
        "Deployment db/postgres-backup is back, all replicas Ready",
        new SampleApps(cluster.sandbox()).awaitReady(DB_NAMESPACE, DB + "-backup") != null);
    checks.check(
        "every PVC still holds its " + DATA_FILE + " byte for byte",
        pvcs.stream()
            .allMatch(
                pvc ->
                    Arrays.equals(
                        cluster.sandbox().storage().files().read(pvc, DATA_FILE), data(pvc))));
    checks.check(
        "Kustomization flux-system/db is resumed", !cluster.sandbox().suspended(DB_KUSTOMIZATION));
  }

  private static boolean runs(HarbormasterSandbox cluster, String image) {
    StatefulSet set =
        cluster.client().apps().statefulSets().inNamespace(DB_NAMESPACE).withName(DB).get();
    return set.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().equals(image)
        && Objects.equals(set.getStatus().getReadyReplicas(), REPLICAS);
  }

  private static byte[] data(ObjectRef pvc) {
    return ("15\n" + pvc.name() + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
