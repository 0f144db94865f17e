package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import org.junit.jupiter.api.Test;

class CurrentVersionTest {
  @Test
  void readsTheVersionWithoutCommitting() {
    ManagedApp app = SampleApp.app();
    InMemoryWorld world = SampleApp.world(app);

    assertThat(CurrentVersion.of(world.ports().git(), app)).isEqualTo("15.1.0");
    assertThat(world.commitCount()).isEqualTo(1);
  }
}
