package io.harbormaster.cli.demo;

import static io.harbormaster.sandbox.cluster.SampleApps.WEB;
import static io.harbormaster.sandbox.cluster.SampleApps.WEB_NAMESPACE;

import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.cli.progress.UpgradeFollower;
import io.harbormaster.embedded.local.UpgradeOutcome;
import io.harbormaster.testkit.HarbormasterSandbox;
import java.io.PrintWriter;

/** A Kustomization app upgraded from 1.0.0 to 1.1.0: every phase, and the data untouched. */
final class HappyUpgrade extends DemoScenario {
  private static final String REQUEST = "web-to-1-1-0";

  HappyUpgrade() {
    super("happy", "upgrade a Kustomization app (Deployment + PVC) from 1.0.0 to 1.1.0");
  }

  @Override
  void run(HarbormasterSandbox cluster, PrintWriter out, Checks checks)
      throws InterruptedException {
    WebApp web = WebApp.install(cluster, out, "1m");
    out.printf("UpgradeRequest %s/%s: %s 1.0.0 -> 1.1.0%n", WEB_NAMESPACE, REQUEST, WEB);
    cluster.upgrade(WEB_NAMESPACE, REQUEST, WEB, "1.1.0");
    UpgradeOutcome outcome =
        new UpgradeFollower(cluster.client(), out)
            .follow(WEB_NAMESPACE, REQUEST, Demo.OPERATION_WAIT);

    OperationStatus status = outcome.upgrade().getStatus();
    checks.check("the upgrade completed", outcome.upgraded());
    checks.check(
        "git holds image tag 1.1.0 in commit " + Demo.shortId(status.commitId()),
        web.gitHasTag("1.1.0"));
    checks.check("Deployment apps/web runs web:1.1.0, all replicas Ready", web.runs("1.1.0"));
    checks.check(
        "a VolumeSnapshot of PVC apps/data was taken and is kept", web.snapshotKept(status));
    checks.check("PVC apps/data still holds orders.db byte for byte", web.dataIntact());
    checks.check("Kustomization flux-system/web is resumed", !cluster.sandbox().suspended(WEB));
  }
}
