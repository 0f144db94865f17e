package io.harbormaster.cli.demo;

import static io.harbormaster.sandbox.cluster.SampleApps.WEB;
import static io.harbormaster.sandbox.cluster.SampleApps.WEB_FILE;
import static io.harbormaster.sandbox.cluster.SampleApps.WEB_NAMESPACE;
import static io.harbormaster.sandbox.cluster.SampleApps.WEB_PVC;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.harbormaster.testkit.HarbormasterSandbox;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The sandbox's web app as the demo installs and inspects it: a Deployment whose PVC holds
 * orders.db.
 */
final class WebApp {
  static final String DATA_FILE = "orders.db";
  private static final byte[] DATA =
      "orders: 1,204 rows, last order #88121\n".getBytes(StandardCharsets.UTF_8);

  private final HarbormasterSandbox cluster;

  private WebApp(HarbormasterSandbox cluster) {
    this.cluster = cluster;
  }

  /**
   * Commits the app at 1.0.0, lets Flux apply it, declares it to Harbormaster and writes its data.
   */
  static WebApp install(HarbormasterSandbox cluster, PrintWriter out, String healthCheckTimeout) {
    out.println(
        "Installing app apps/web from git: Deployment web (image web:1.0.0) mounting PVC data, applied by Kustomization flux-system/web");
    cluster.web("1.0.0", healthCheckTimeout);
    cluster.sandbox().storage().files().write(WEB_PVC, DATA_FILE, DATA);
    out.printf(
        "The app is Ready; it wrote %s (%d bytes) to PVC %s%n", DATA_FILE, DATA.length, WEB_PVC);
    out.flush();
    return new WebApp(cluster);
  }

  /** What a broken version does to the data: rewrites it. */
  void corruptData() {
    cluster
        .sandbox()
        .storage()
        .files()
        .write(
            WEB_PVC,
            DATA_FILE,
            "orders: schema v2 half-migrated\n".getBytes(StandardCharsets.UTF_8));
  }

  boolean dataIntact() {
    return Arrays.equals(cluster.sandbox().storage().files().read(WEB_PVC, DATA_FILE), DATA);
  }

  boolean gitHasTag(String tag) {
    return cluster
        .sandbox()
        .fleet()
        .read(SandboxCluster.BRANCH, WEB_FILE)
        .equals(SampleApps.webKustomization(tag));
  }

  /** The Deployment's image is web:{@code tag} and all its replicas are Ready. */
  boolean runs(String tag) {
    Deployment deployment = new SampleApps(cluster.sandbox()).awaitReady(WEB_NAMESPACE, WEB);
    return deployment
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage()
        .equals("web:" + tag);
  }

  boolean snapshotKept(OperationStatus status) {
    return cluster.snapshotsReady(status, 1);
  }
}
