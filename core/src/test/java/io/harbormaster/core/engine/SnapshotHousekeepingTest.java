package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SnapshotPolicy;
import io.harbormaster.core.model.SnapshotRetention;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.operation.UpgradeMachine;
import io.harbormaster.core.port.SnapshotRecord;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SnapshotHousekeepingTest {
  private final ManagedApp app =
      ManagedApp.builder()
          .from(SampleApp.app())
          .snapshots(
              SnapshotPolicy.builder()
                  .retention(SnapshotRetention.builder().maxCount(1).build())
                  .build())
          .build();
  private final InMemoryWorld world = SampleApp.world(app);
  private final OperationDriver driver =
      new OperationDriver(
          new OperationRunner(world.ports()), world, world.clock(), Duration.ofSeconds(5));

  private ObjectRef upgrade(String name, String version) throws InterruptedException {
    UpgradeRequest request =
        UpgradeRequest.builder()
            .id(ObjectRef.of("shop", name))
            .app(app.id())
            .target(TargetVersion.of(version))
            .build();
    UpgradeMachine machine = new UpgradeMachine(app, request);
    driver.run(app, machine, machine.start(world.clock().instant()), step -> {});
    world.clock().advance(Duration.ofHours(1));
    return request.id();
  }

  private static Set<ObjectRef> operations(java.util.List<SnapshotRecord> records) {
    return records.stream().map(SnapshotRecord::operation).collect(Collectors.toSet());
  }

  @Test
  void keepsTheNewestUpgradesSnapshotsAndThoseARollbackStillNeeds() throws InterruptedException {
    ObjectRef first = upgrade("up-1", "15.2.0");
    ObjectRef second = upgrade("up-2", "15.3.0");
    ObjectRef third = upgrade("up-3", "15.4.0");
    SnapshotHousekeeping housekeeping =
        new SnapshotHousekeeping(world.ports().snapshots(), world.clock(), world.ports().tenancy());

    SnapshotHousekeeping.Result result =
        housekeeping.run(app, Set.of(first), Set.of(first, second, third));

    assertThat(operations(result.deleted())).containsExactly(second);
    assertThat(operations(world.ports().snapshots().list(app.id(), Set.of(app.id().namespace()))))
        .containsExactlyInAnyOrder(first, third);
    assertThat(result.orphans()).isEmpty();
  }

  @Test
  void reportsSnapshotsWhoseUpgradeIsGone() throws InterruptedException {
    ObjectRef gone = upgrade("up-1", "15.2.0");
    SnapshotHousekeeping housekeeping =
        new SnapshotHousekeeping(world.ports().snapshots(), world.clock(), world.ports().tenancy());

    SnapshotHousekeeping.Result result = housekeeping.run(app, Set.of(), Set.of());

    assertThat(result.deleted()).isEmpty();
    assertThat(operations(result.orphans())).containsExactly(gone);
  }
}
