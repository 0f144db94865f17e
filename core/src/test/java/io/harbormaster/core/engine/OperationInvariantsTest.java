package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The promises every operation keeps, whatever the outside world does: Flux is resumed, the
 * workloads are back at their replica counts (after the rollback, when one took over), nothing is
 * committed twice, and a dry run changes nothing. Ports fail at random; versions may be broken;
 * someone may resume Flux behind Harbormaster's back.
 */
class OperationInvariantsTest {
  private static final int MAX_STEPS = 20_000;

  @Property(tries = 300)
  void everyRunEndsWithFluxResumedAndWorkloadsBack(
      @ForAll long seed,
      @ForAll @DoubleRange(min = 0.0, max = 0.4) double failureRate,
      @ForAll boolean brokenTarget,
      @ForAll boolean autoRollback,
      @ForAll boolean commitsRejected,
      @ForAll @IntRange(min = -1, max = 40) int externalResumeAtStep)
      throws InterruptedException {
    ManagedApp app = ManagedApp.builder().from(SampleApp.app()).autoRollback(autoRollback).build();
    InMemoryWorld world = SampleApp.world(app).tick(Duration.ofSeconds(20));
    if (brokenTarget) {
      world.broken("15.2.0");
    }
    ChaosPorts chaos = new ChaosPorts(world, seed, failureRate, commitsRejected);
    OperationDriver driver =
        new OperationDriver(
            new OperationRunner(chaos.ports()), world, world.clock(), Duration.ofSeconds(30));
    UpgradeRequest request =
        UpgradeRequest.builder()
            .id(ObjectRef.of("shop", "pg-up"))
            .app(app.id())
            .target(TargetVersion.of("15.2.0"))
            .build();
    UpgradeMachine machine = new UpgradeMachine(app, request);
    AtomicInteger steps = new AtomicInteger();

    OperationState upgrade =
        driver.run(
            app,
            machine,
            machine.start(world.clock().instant()),
            step -> {
              int n = steps.incrementAndGet();
              assertThat(n).as("steps before the upgrade ends").isLessThan(MAX_STEPS);
              if (n == externalResumeAtStep) {
                world.resumeExternally(app.flux().applier());
              }
            });

    OperationState last = upgrade;
    if (upgrade.rollbackRequested()) {
      assertThat(world.rollbacksStarted()).containsExactly(upgrade.id());
      RollbackMachine rollback =
          new RollbackMachine(
              app,
              RollbackRequest.builder()
                  .id(ObjectRef.of("shop", "pg-up-rollback"))
                  .upgrade(request.id())
                  .autoTriggered(true)
                  .build());
      last =
          driver.run(
              app,
              rollback,
              rollback.start(upgrade, List.of(), world.clock().instant()),
              step -> {
                assertThat(steps.incrementAndGet())
                    .as("steps before the rollback ends")
                    .isLessThan(2 * MAX_STEPS);
              });
    }

    // Chaos that failed every run at once would hold every promise below and prove nothing.
    Statistics.label("upgrade")
        .collect(upgrade.rollbackRequested() ? "rolled back" : upgrade.phase());
    Statistics.label("upgrade")
        .coverage(
            checker -> {
              checker.check(Phase.COMPLETED).count(runs -> runs > 0);
              checker.check("rolled back").count(runs -> runs > 0);
            });

    assertThat(last.finished()).isTrue();
    assertThat(app.flux().objects()).as("Flux objects left suspended").noneMatch(world::suspended);
    assertThat(world.replicas(SampleApp.DATABASE)).isEqualTo(1);
    assertThat(world.replicas(SampleApp.BACKUP)).isEqualTo(2);
    int revert = upgrade.rollbackRequested() && last.phase() != Phase.FAILED ? 1 : 0;
    assertThat(world.commitCount())
        .as("commits, counting the initial one")
        .isLessThanOrEqualTo(1 + 1 + 1);
    if (upgrade.commitId().isEmpty()) {
      assertThat(world.gitValue(SampleApp.VERSION_PATH)).isEqualTo("15.1.0");
    }
    if (upgrade.phase() == Phase.COMPLETED) {
      assertThat(world.gitValue(SampleApp.VERSION_PATH)).isEqualTo("15.2.0");
      assertThat(world.commitCount()).isEqualTo(2);
    }
    if (revert == 1) {
      assertThat(world.gitValue(SampleApp.VERSION_PATH)).isEqualTo("15.1.0");
    }
  }

  @Property(tries = 100)
  void aDryRunChangesNothing(
      @ForAll long seed,
      @ForAll @DoubleRange(min = 0.0, max = 0.4) double failureRate,
      @ForAll boolean brokenTarget)
      throws InterruptedException {
    ManagedApp app = SampleApp.app();
    InMemoryWorld world = SampleApp.world(app).tick(Duration.ofSeconds(20));
    if (brokenTarget) {
      world.broken("15.2.0");
    }
    ChaosPorts chaos = new ChaosPorts(world, seed, failureRate, false);
    OperationDriver driver =
        new OperationDriver(
            new OperationRunner(chaos.ports()), world, world.clock(), Duration.ofSeconds(30));
    UpgradeMachine machine =
        new UpgradeMachine(
            app,
            UpgradeRequest.builder()
                .id(ObjectRef.of("shop", "pg-dry"))
                .app(app.id())
                .target(TargetVersion.of("15.2.0"))
                .dryRun(true)
                .build());

    OperationState done =
        driver.run(app, machine, machine.start(world.clock().instant()), step -> {});

    Statistics.label("dry run").collect(done.phase());
    Statistics.label("dry run")
        .coverage(checker -> checker.check(Phase.COMPLETED).count(runs -> runs > 0));

    assertThat(done.finished()).isTrue();
    assertThat(chaos.mutatingCalls).isEmpty();
    assertThat(world.commitCount()).isEqualTo(1);
    assertThat(world.snapshotNames()).isEmpty();
    assertThat(world.replicas(SampleApp.BACKUP)).isEqualTo(2);
  }

  /**
   * Each phase gets its whole budget: pods that take almost all of ScaleDown's 5 minutes to stop
   * and snapshots that each take 20 minutes (an hour in all, but always progressing) still
   * complete.
   */
  @Property(tries = 50)
  void noPhaseSlownessEatsAnotherPhasesBudget(
      @ForAll @IntRange(min = 0, max = 280) int podShutdownSeconds,
      @ForAll @IntRange(min = 1, max = 29) int minutesPerSnapshot)
      throws InterruptedException {
    ManagedApp app = SampleApp.app();
    ObjectRef wal = ObjectRef.of("shop", "wal-postgres-0");
    ObjectRef archive = ObjectRef.of("shop", "archive-postgres-0");
    InMemoryWorld world =
        SampleApp.world(app)
            .workload(
                io.harbormaster.core.model.WorkloadRef.statefulSet("shop", "pg-wal"),
                1,
                wal,
                archive)
            .podsLinger(Duration.ofSeconds(podShutdownSeconds))
            .snapshotTakes(SampleApp.DATA, Duration.ofMinutes(minutesPerSnapshot))
            .snapshotTakes(wal, Duration.ofMinutes(2L * minutesPerSnapshot))
            .snapshotTakes(archive, Duration.ofMinutes(3L * minutesPerSnapshot))
            .tick(Duration.ofSeconds(10));
    OperationDriver driver =
        new OperationDriver(
            new OperationRunner(world.ports()), world, world.clock(), Duration.ofSeconds(10));
    UpgradeMachine machine =
        new UpgradeMachine(
            app,
            UpgradeRequest.builder()
                .id(ObjectRef.of("shop", "pg-slow"))
                .app(app.id())
                .target(TargetVersion.of("15.2.0"))
                .build());

    OperationState done =
        driver.run(app, machine, machine.start(world.clock().instant()), step -> {});

    assertThat(done.phase()).as(done.message().orElse("")).isEqualTo(Phase.COMPLETED);
  }
}
