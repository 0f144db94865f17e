package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.cli.output.Output;
import io.harbormaster.cli.progress.RequestProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hm status <request>}: an UpgradeRequest's or RollbackRequest's phase, app, target,
 * workloads, snapshots, commit and history; {@code --watch} follows it to the end first. Exit code
 * 1 when it ended Failed, so a script can tell.
 */
@Command(
    name = "status",
    description = {
      "Show an UpgradeRequest or RollbackRequest (looked up in that order): phase, app, target, workloads,"
          + " snapshots, commit and the history of its phases.",
      "With --watch follow it to the end first."
    })
public final class StatusCommand extends ClusterCommand {
  @Parameters(paramLabel = "REQUEST", description = "The request's name, in the namespace of -n.")
  private String requestName;

  @Option(
      names = {"-w", "--watch"},
      description =
          "Follow the request until it is Completed or Failed, printing each phase as it ends.")
  private boolean watch;

  @Mixin private Timeout timeout;

  @Override
  void check(InputChecks checks) {
    checks.objectName("REQUEST", requestName);
  }

  @Override
  int run(Cluster cluster, Output output) throws InterruptedException {
    if (cluster.upgrade(requestName).get() != null) {
      return show(cluster.upgrade(requestName), output);
    }
    if (cluster.rollback(requestName).get() != null) {
      return show(cluster.rollback(requestName), output);
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

  private <R extends CustomResource<?, OperationStatus>> int show(
      Resource<R> request, Output output) throws InterruptedException {
    R shown =
        watch
            ? RequestProgress.follow(
                request, new RequestProgress(progress(output)), timeout.duration())
            : request.get();
    output.print(
        shown,
        out -> {
          if (watch) {
            out.println();
          }
          RequestDescription.print(shown, out);
        });
    if (watch) {
      return Requests.exitCode(shown, timeout.duration());
    }
    return RequestProgress.finished(shown.getStatus())
        ? Requests.exitCode(shown, timeout.duration())
        : ExitCodes.OK;
  }
}
