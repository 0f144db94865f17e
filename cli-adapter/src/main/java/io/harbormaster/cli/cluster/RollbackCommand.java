package io.harbormaster.cli.cluster;

import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.RollbackRequestSpec;
import io.harbormaster.cli.output.Output;
import io.harbormaster.cli.progress.RequestProgress;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hm rollback <upgrade>}: creates a RollbackRequest that undoes a finished upgrade (restores
 * its PVCs from its snapshots, reverts its commit), and with {@code --wait} follows it to the end.
 */
@Command(
    name = "rollback",
    description = {
      "Create a RollbackRequest undoing a finished upgrade: restore its PVCs from their snapshots and revert its commit.",
      "With --wait (implied by --dry-run and --local) follow it to the end."
    })
public final class RollbackCommand extends ClusterCommand {
  @Parameters(
      paramLabel = "UPGRADE",
      description = "The UpgradeRequest to undo, in the namespace of -n.")
  private String upgradeName;

  @Option(
      names = "--skip-snapshot",
      description = "Only revert git; leave the volumes as they are.")
  private boolean skipSnapshot;

  @Mixin private RequestOptions requestOptions;
  @Mixin private Timeout timeout;
  @Mixin private LocalOptions local;

  @Override
  void check(InputChecks checks) {
    checks.objectName("UPGRADE", upgradeName);
    requestOptions.check(checks);
  }

  @Override
  int run(Cluster cluster, Output output) throws InterruptedException {
    cluster.existingUpgrade(upgradeName);
    Optional<LocalRun> localRun = local.prepare(cluster, progress(output));
    RollbackRequest created =
        cluster.client().resource(request(cluster.namespace(), localRun.isPresent())).create();
    output.say(Requests.qualifiedName(created) + " created");
    RollbackRequest done;
    if (localRun.isPresent()) {
      done = localRun.get().rollback(created);
    } else if (requestOptions.follow()) {
      RequestProgress progress = new RequestProgress(progress(output));
      done =
          RequestProgress.follow(
              cluster.rollback(created.getMetadata().getName()), progress, timeout.duration());
      if (RequestProgress.finished(done.getStatus())) {
        progress.summarize(done.getStatus());
      }
    } else {
      output.print(created, out -> {});
      return ExitCodes.OK;
    }
    output.print(done, out -> {});
    return Requests.exitCode(done, timeout.duration());
  }

  private RollbackRequest request(String namespace, boolean local) {
    RollbackRequest request = new RollbackRequest();
    request.setMetadata(requestOptions.metadata(namespace, upgradeName + "-rollback-", local));
    request.setSpec(
        new RollbackRequestSpec(upgradeName, requestOptions.dryRun(), skipSnapshot, false));
    return request;
  }
}
