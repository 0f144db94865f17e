package io.harbormaster.cli.progress;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.embedded.local.UpgradeOutcome;
import io.harbormaster.embedded.reconcile.RollbackRequestCreator;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Follows an UpgradeRequest to its end and, when it failed and asked for its auto-rollback, the
 * RollbackRequest the operator created for it ({@code <upgrade>-rollback}), printing both
 * timelines.
 */
public final class UpgradeFollower {
  private final KubernetesClient client;
  private final PrintWriter out;

  public UpgradeFollower(KubernetesClient client, PrintWriter out) {
    this.client = client;
    this.out = out;
  }

  /**
   * Follows upgrade {@code namespace/name} for at most {@code timeout} in all.
   *
   * @throws IllegalArgumentException when the request does not exist
   */
  public UpgradeOutcome follow(String namespace, String name, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    var upgradeResource =
        client.resources(UpgradeRequest.class).inNamespace(namespace).withName(name);
    if (upgradeResource.get() == null) {
      throw new IllegalArgumentException("UpgradeRequest " + namespace + "/" + name + " not found");
    }
    RequestProgress upgradeProgress = new RequestProgress(out);
    UpgradeRequest upgrade = RequestProgress.follow(upgradeResource, upgradeProgress, timeout);
    if (!RequestProgress.finished(upgrade.getStatus())) {
      return new UpgradeOutcome(upgrade, Optional.empty());
    }
    upgradeProgress.summarize(upgrade.getStatus());
    if (!Boolean.TRUE.equals(upgrade.getStatus().rollbackRequested())) {
      return new UpgradeOutcome(upgrade, Optional.empty());
    }
    String rollbackName = name + RollbackRequestCreator.SUFFIX;
    out.printf("Rollback %s/%s (auto-triggered by the failed upgrade)%n", namespace, rollbackName);
    var rollbackResource =
        client.resources(RollbackRequest.class).inNamespace(namespace).withName(rollbackName);
    RequestProgress rollbackProgress = new RequestProgress(out);
    Duration left = Duration.between(Instant.now(), deadline);
    RollbackRequest rollback =
        RequestProgress.follow(
            rollbackResource, rollbackProgress, left.isNegative() ? Duration.ZERO : left);
    if (rollback != null && RequestProgress.finished(rollback.getStatus())) {
      rollbackProgress.summarize(rollback.getStatus());
    }
    return new UpgradeOutcome(upgrade, Optional.ofNullable(rollback));
  }
}
