package io.harbormaster.core.engine;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RollbackRequest;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.RollbackMachine;
import io.harbormaster.core.operation.UpgradeMachine;
import io.harbormaster.core.simulation.InMemoryWorld;
import java.time.Duration;
import java.util.List;

/** Runs upgrades and rollbacks of one app to their end on an in-memory world. */
final class Operations {
  private final ManagedApp app;
  private final InMemoryWorld world;
  private final OperationDriver driver;

  Operations(ManagedApp app, InMemoryWorld world) {
    this.app = app;
    this.world = world;
    this.driver =
        new OperationDriver(
            new OperationRunner(world.ports()), world, world.clock(), Duration.ofSeconds(5));
  }

  /** Upgrade request {@code name} of the app's namespace to {@code version}, run to its end. */
  OperationState upgrade(String name, String version, OperationDriver.Listener listener)
      throws InterruptedException {
    UpgradeMachine machine =
        new UpgradeMachine(
            app,
            UpgradeRequest.builder()
                .id(ObjectRef.of(app.id().namespace(), name))
                .app(app.id())
                .target(TargetVersion.of(version))
                .build());
    return driver.run(app, machine, machine.start(world.clock().instant()), listener);
  }

  /**
   * Rollback request {@code name} of {@code upgrade}, run to its end; triggered by the upgrade when
   * it asked for one.
   */
  OperationState rollback(String name, OperationState upgrade, OperationDriver.Listener listener)
      throws InterruptedException {
    RollbackMachine machine =
        new RollbackMachine(
            app,
            RollbackRequest.builder()
                .id(ObjectRef.of(app.id().namespace(), name))
                .upgrade(upgrade.id().request())
                .autoTriggered(upgrade.rollbackRequested())
                .build());
    return driver.run(
        app, machine, machine.start(upgrade, List.of(), world.clock().instant()), listener);
  }
}
