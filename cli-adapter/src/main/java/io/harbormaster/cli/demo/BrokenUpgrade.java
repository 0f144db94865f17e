package io.harbormaster.cli.demo;

import static io.harbormaster.sandbox.cluster.SampleApps.WEB;
import static io.harbormaster.sandbox.cluster.SampleApps.WEB_NAMESPACE;

import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.cli.progress.UpgradeFollower;
import io.harbormaster.embedded.local.UpgradeOutcome;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.testkit.HarbormasterSandbox;
import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;

/**
 * An upgrade to a version whose pods never get Ready and which damages the data while it runs: the
 * health check fails, and the operator's auto-rollback restores the volume from its snapshot and
 * reverts the commit.
 */
final class BrokenUpgrade extends DemoScenario {
  private static final String REQUEST = "web-to-broken";

  BrokenUpgrade() {
    super(
        "broken-upgrade",
        "upgrade to a version that crash-loops and damages the data; Harbormaster rolls it back");
  }

  @Override
  void run(HarbormasterSandbox cluster, PrintWriter out, Checks checks)
      throws InterruptedException {
    // A short health check keeps the demo brisk; the default is 5m.
    WebApp web = WebApp.install(cluster, out, "10s");
    out.printf(
        "UpgradeRequest %s/%s: %s 1.0.0 -> %s (a version whose pods never get Ready; health check timeout 10s)%n",
        WEB_NAMESPACE, REQUEST, WEB, HarbormasterSandbox.BROKEN_TAG);
    cluster.upgrade(WEB_NAMESPACE, REQUEST, WEB, HarbormasterSandbox.BROKEN_TAG);
    CompletableFuture<Void> damage = damageDuringHealthCheck(cluster, web, out);
    UpgradeOutcome outcome =
        new UpgradeFollower(cluster.client(), out)
            .follow(WEB_NAMESPACE, REQUEST, Demo.OPERATION_WAIT);
    damage.cancel(true);

    OperationStatus upgrade = outcome.upgrade().getStatus();
    checks.check(
        "the upgrade failed in HealthCheck",
        "Failed".equals(upgrade.phase()) && "HealthCheck".equals(upgrade.failedIn()));
    checks.check(
        "the broken version damaged orders.db while it ran",
        damage.isDone() && !damage.isCompletedExceptionally());
    checks.check("the auto-rollback completed", outcome.rolledBack());
    checks.check(
        "PVC apps/data holds orders.db as before the upgrade, byte for byte", web.dataIntact());
    checks.check(
        "git holds image tag 1.0.0 again (commit "
            + Demo.shortId(upgrade.commitId())
            + " reverted)",
        web.gitHasTag("1.0.0"));
    checks.check("Deployment apps/web runs web:1.0.0, all replicas Ready", web.runs("1.0.0"));
    checks.check("Kustomization flux-system/web is resumed", !cluster.sandbox().suspended(WEB));
  }

  /**
   * Once the broken version runs (the upgrade is in HealthCheck), it rewrites the data, as a bad
   * migration would.
   */
  private static CompletableFuture<Void> damageDuringHealthCheck(
      HarbormasterSandbox cluster, WebApp web, PrintWriter out) {
    Resource<UpgradeRequest> request =
        cluster
            .client()
            .resources(UpgradeRequest.class)
            .inNamespace(WEB_NAMESPACE)
            .withName(REQUEST);
    return CompletableFuture.runAsync(
        () -> {
          AwaitCondition.until(
              request,
              r ->
                  r != null && r.getStatus() != null && "HealthCheck".equals(r.getStatus().phase()),
              Demo.OPERATION_WAIT);
          web.corruptData();
          out.printf(
              "  %-14s %8s  %s%n",
              "", "", "(the broken version rewrites orders.db while its pods crash-loop)");
          out.flush();
        });
  }
}
