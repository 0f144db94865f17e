package io.harbormaster.cli.cluster;

import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.ManagedAppSpec;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.api.crd.UpgradeRequestSpec;
import io.harbormaster.cli.output.Output;
import io.harbormaster.cli.progress.UpgradeFollower;
import io.harbormaster.embedded.local.UpgradeOutcome;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hm upgrade <app>}: creates an UpgradeRequest for the operator, and with {@code --wait}
 * follows it (and its auto-rollback) to the end; with {@code --local} runs it from this process.
 */
@Command(
    name = "upgrade",
    description = {
      "Create an UpgradeRequest for the app; the operator suspends Flux, stops the workloads, snapshots the"
          + " PVCs, commits the new version, resumes Flux and checks health, rolling back on failure.",
      "With --wait (implied by --dry-run and --local) follow it, and its auto-rollback, to the end."
    })
public final class UpgradeCommand extends ClusterCommand {
  @Parameters(paramLabel = "APP", description = "The ManagedApp, in the namespace of -n.")
  private String appName;

  @Option(
      names = "--to",
      paramLabel = "VERSION",
      description = "The version to move to (default: the app's autoUpdate policy chooses).")
  private String version;

  @Option(names = "--skip-snapshot", description = "Take no VolumeSnapshots before the commit.")
  private boolean skipSnapshot;

  @Option(
      names = "--allow-downgrade",
      description =
          "Allow --to lower than the version in git. To go back safely, 'hm rollback' the upgrade instead:"
              + " it restores the snapshots taken before it.")
  private boolean allowDowngrade;

  @Mixin private RequestOptions requestOptions;
  @Mixin private Timeout timeout;
  @Mixin private LocalOptions local;

  @Override
  void check(InputChecks checks) {
    checks.objectName("APP", appName);
    checks.versionOrTag("--to", version);
    requestOptions.check(checks);
  }

  @Override
  int run(Cluster cluster, Output output) throws InterruptedException {
    ManagedApp app = cluster.app(appName);
    if (version == null && followsNoPolicy(app)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--to is missing and ManagedApp "
              + cluster.namespace()
              + "/"
              + appName
              + " has no autoUpdate policy to choose a version: give --to VERSION, or set"
              + " spec.autoUpdate to patch, minor or major");
    }
    Optional<LocalRun> localRun = local.prepare(cluster, progress(output));
    UpgradeRequest created =
        cluster.client().resource(request(cluster.namespace(), localRun.isPresent())).create();
    output.say(Requests.qualifiedName(created) + " created");
    UpgradeOutcome outcome;
    if (localRun.isPresent()) {
      outcome = localRun.get().upgrade(created);
    } else if (requestOptions.follow()) {
      outcome =
          new UpgradeFollower(cluster.client(), progress(output))
              .follow(cluster.namespace(), created.getMetadata().getName(), timeout.duration());
    } else {
      output.print(created, out -> {});
      return ExitCodes.OK;
    }
    output.print(
        outcome.rollback().isPresent()
            ? Output.list(List.of(outcome.upgrade(), outcome.rollback().get()))
            : outcome.upgrade(),
        out -> {});
    int upgraded = Requests.exitCode(outcome.upgrade(), timeout.duration());
    return outcome
        .rollback()
        .map(rollback -> Math.max(upgraded, Requests.exitCode(rollback, timeout.duration())))
        .orElse(upgraded);
  }

  private static boolean followsNoPolicy(ManagedApp app) {
    return app.getSpec() == null
        || app.getSpec().autoUpdate() == null
        || app.getSpec().autoUpdate() == ManagedAppSpec.AutoUpdate.NONE;
  }

  private UpgradeRequest request(String namespace, boolean local) {
    UpgradeRequest request = new UpgradeRequest();
    request.setMetadata(requestOptions.metadata(namespace, appName + "-upgrade-", local));
    request.setSpec(
        new UpgradeRequestSpec(
            appName,
            version == null ? null : new UpgradeRequestSpec.Target(version, null),
            requestOptions.dryRun(),
            skipSnapshot,
            allowDowngrade));
    return request;
  }
}
