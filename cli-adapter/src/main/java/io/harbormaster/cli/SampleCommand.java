package io.harbormaster.cli;

import io.harbormaster.core.engine.OperationDriver;
import io.harbormaster.core.engine.OperationRunner;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RollbackRequest;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.RollbackMachine;
import io.harbormaster.core.operation.UpgradeMachine;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Walks a sample upgrade of an in-memory app through the real phase machines and prints each phase.
 * Exit code 0 when the scenario ended as it should.
 */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = "Walk a sample upgrade (and, when it breaks, its rollback) through the phase machines, in memory.")
final class SampleCommand implements Callable<Integer> {
  private static final String TARGET = "15.2.0";

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--scenario",
      defaultValue = "happy",
      description = "happy: the upgrade completes; broken: the new version never gets ready and is rolled back.")
  private Scenario scenario;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ManagedApp app = SampleApp.app();
    InMemoryWorld world = SampleApp.world(app).tick(Duration.ofSeconds(15));
    world.writeVolume(SampleApp.DATA, "orders table, 1,204 rows");
    if (scenario == Scenario.BROKEN) {
      world.broken(TARGET);
    }
    OperationDriver driver =
        new OperationDriver(new OperationRunner(world.ports()), world, world.clock(), Duration.ofSeconds(15));

    out.println("SIMULATION: an in-memory app, no cluster and no git server; durations are simulated time.");
    out.println("The phase machines are Harbormaster's own, driven through its ports.");
    out.println();
    out.printf("App %s: HelmRelease %s applied by Kustomization %s%n", app.id(), app.flux().primary().object(), app.flux().applier().object());
    out.printf("Upgrade to chart version %s (scenario: %s)%n", TARGET, scenario.name().toLowerCase());

    UpgradeMachine upgrade =
        new UpgradeMachine(
            app,
            UpgradeRequest.builder().id(ObjectRef.of("shop", "postgres-15-2")).app(app.id()).target(TargetVersion.of(TARGET)).build());
    Timeline upgradeTimeline = new Timeline(out);
    OperationState upgraded = driver.run(app, upgrade, upgrade.start(world.clock().instant()), upgradeTimeline);
    upgradeTimeline.summarize(upgraded);

    if (!upgraded.rollbackRequested()) {
      return upgraded.phase() == Phase.COMPLETED && scenario == Scenario.HAPPY ? 0 : 1;
    }
    world.writeVolume(SampleApp.DATA, "orders table, rewritten by the broken version");
    out.printf("Rollback of %s (auto-triggered), volume holds: \"%s\"%n", upgraded.id().request(), world.volumeData(SampleApp.DATA));
    RollbackMachine rollback =
        new RollbackMachine(
            app,
            RollbackRequest.builder()
                .id(ObjectRef.of("shop", "postgres-15-2-rollback"))
                .upgrade(upgraded.id().request())
                .autoTriggered(true)
                .build());
    Timeline rollbackTimeline = new Timeline(out);
    OperationState rolledBack = driver.run(app, rollback, rollback.start(upgraded, world.clock().instant()), rollbackTimeline);
    rollbackTimeline.summarize(rolledBack);
    out.printf(
        "After the rollback: chart version %s in git, volume holds: \"%s\"%n",
        world.gitValue(SampleApp.VERSION_PATH), world.volumeData(SampleApp.DATA));
    out.flush();
    boolean restored = world.volumeData(SampleApp.DATA).equals("orders table, 1,204 rows");
    return scenario == Scenario.BROKEN && rolledBack.phase() == Phase.COMPLETED && restored ? 0 : 1;
  }
}
