package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.conditions.RequestConditions;
import io.harbormaster.api.crd.DrivenBy;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.cli.output.Output;
import io.harbormaster.cli.progress.RequestProgress;
import io.harbormaster.cli.progress.UpgradeFollower;
import io.harbormaster.embedded.local.UpgradeOutcome;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hm cancel <request>}: deletes a request, which the operator treats as a cancel. One that
 * has not started goes at once; a running upgrade fails from where it is, as on an error, and goes
 * once Flux is resumed, the workloads are back and (past its commit) its auto-rollback has ended.
 * Deleting is what a user with harbormaster-edit may do already; no new right is needed.
 */
@Command(
    name = "cancel",
    description = {
      "Cancel an UpgradeRequest or RollbackRequest (looked up in that order).",
      "One that has not started (waiting, blocked or refused) is deleted at once. A running upgrade"
          + " stops as a failure would: Flux is resumed and the workloads restored and, past its"
          + " commit, its auto-rollback puts the app back; the request goes once that has ended"
          + " (--wait follows it).",
      "Refused: a request that has ended, a running rollback (stopped half-way it would leave its"
          + " volumes half restored), and one run by 'hm upgrade --local' (stop that process)."
    })
public final class CancelCommand extends ClusterCommand {
  @Parameters(paramLabel = "REQUEST", description = "The request's name, in the namespace of -n.")
  private String requestName;

  @Option(
      names = "--wait",
      description = "Follow a running upgrade, and its auto-rollback, until they have ended.")
  private boolean wait;

  @Mixin private Timeout timeout;

  @Override
  void check(InputChecks checks) {
    checks.objectName("REQUEST", requestName);
  }

  @Override
  int run(Cluster cluster, Output output) throws InterruptedException {
    if (cluster.upgrade(requestName).get() != null) {
      return cancel(cluster, cluster.upgrade(requestName), true, output);
    }
    if (cluster.rollback(requestName).get() != null) {
      return cancel(cluster, cluster.rollback(requestName), false, output);
    }
    throw CommandFailure.notFound(
        "no UpgradeRequest or RollbackRequest "
            + cluster.namespace()
            + "/"
            + requestName
            + " found: list them with 'kubectl get upgraderequests,rollbackrequests -n "
            + cluster.namespace()
            + "'");
  }

  private <R extends CustomResource<?, OperationStatus>> int cancel(
      Cluster cluster, Resource<R> resource, boolean upgrade, Output output)
      throws InterruptedException {
    R request = resource.get();
    String name = Requests.qualifiedName(request);
    OperationStatus status = request.getStatus();
    boolean started = status != null && status.phase() != null;
    if (started && RequestProgress.finished(status)) {
      throw CommandFailure.failed(
          name
              + " has already ended "
              + status.phase()
              + ": there is nothing to cancel"
              + (upgrade && "Completed".equals(status.phase())
                  ? "; to undo it, 'hm rollback " + requestName + "'"
                  : ""));
    }
    Optional<String> driver = DrivenBy.other(request);
    if (started && driver.isPresent()) {
      throw CommandFailure.failed(
          name
              + " is run by "
              + driver.get()
              + " (hm --local), not by the operator: stop it where it runs");
    }
    if (started && !upgrade) {
      throw CommandFailure.failed(
          name
              + " is running (phase "
              + status.phase()
              + "): a rollback stopped half-way would leave its volumes half restored; follow it"
              + " with 'hm status "
              + requestName
              + " --watch'");
    }
    // Background propagation: a foreground delete would have the garbage collector delete the
    // upgrade's auto-rollback first, half-way through.
    resource.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    if (!started) {
      output.say(
          name
              + " deleted"
              + (RequestConditions.refused(status)
                  ? " (it had been refused)"
                  : " (it had not started)"));
      return ExitCodes.OK;
    }
    output.say(
        name
            + " cancelled in phase "
            + status.phase()
            + ": it stops as a failure would, restoring what it stopped, and goes once that is done");
    if (!wait) {
      return ExitCodes.OK;
    }
    UpgradeOutcome outcome;
    try {
      outcome =
          new UpgradeFollower(cluster.client(), progress(output))
              .follow(cluster.namespace(), requestName, timeout.duration());
    } catch (IllegalArgumentException gone) {
      // It ended, with nothing to hand over, before the follow began, and went.
      output.say(name + " has ended and is gone");
      return ExitCodes.OK;
    }
    return ended(outcome);
  }

  /** 0 once the cancelled upgrade has ended and its rollback, if any, put the app back. */
  private int ended(UpgradeOutcome outcome) {
    if (!RequestProgress.finished(outcome.upgrade().getStatus())) {
      return Requests.exitCode(outcome.upgrade(), timeout.duration());
    }
    return outcome
        .rollback()
        .map(rollback -> Requests.exitCode(rollback, timeout.duration()))
        .orElse(ExitCodes.OK);
  }
}
