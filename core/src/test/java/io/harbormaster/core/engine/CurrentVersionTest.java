package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.RetryCannotHelp;
import io.harbormaster.core.port.GitOps;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurrentVersionTest {
  @Test
  void readsTheVersionWithoutCommitting() {
    ManagedApp app = SampleApp.app();
    InMemoryWorld world = SampleApp.world(app);

    assertThat(CurrentVersion.of(world.ports().git(), app)).isEqualTo("15.1.0");
    assertThat(world.commitCount()).isEqualTo(1);
  }

  @Test
  void aVersionPathThatMatchesNothingIsAFailureRetryingCannotFix() {
    GitOps git = mock(GitOps.class);
    when(git.preview(any())).thenReturn(List.of());

    assertThatThrownBy(() -> CurrentVersion.of(git, SampleApp.app()))
        .isInstanceOf(RetryCannotHelp.class)
        .hasMessage("spec.git.versionPath of shop/postgres matched nothing");
  }
}
