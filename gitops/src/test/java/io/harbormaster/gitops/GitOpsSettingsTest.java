package io.harbormaster.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.model.InvalidSpecException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitOpsSettingsTest {
  private static final Path DEFAULT_WORKDIR = Path.of("/var/lib/harbormaster/git");

  @Test
  void theEnvironmentOverridesEachDefault() {
    GitOpsSettings settings =
        GitOpsSettings.fromEnvironment(
            Map.of(
                "HM_GIT_WORKDIR",
                "/git",
                "HM_GIT_AUTHOR_NAME",
                "Fleet Bot",
                "HM_GIT_AUTHOR_EMAIL",
                "bot@example.com",
                "HM_GIT_TIMEOUT_SECONDS",
                "15"),
            DEFAULT_WORKDIR);

    assertThat(settings.workDirectory()).isEqualTo(Path.of("/git"));
    assertThat(settings.authorName()).isEqualTo("Fleet Bot");
    assertThat(settings.authorEmail()).isEqualTo("bot@example.com");
    assertThat(settings.networkTimeout()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void anEmptyEnvironmentGivesTheDefaults() {
    GitOpsSettings settings =
        GitOpsSettings.fromEnvironment(Map.of("HM_GIT_WORKDIR", " "), DEFAULT_WORKDIR);

    assertThat(settings.workDirectory()).isEqualTo(DEFAULT_WORKDIR);
    assertThat(settings.authorName()).isEqualTo("Harbormaster");
    assertThat(settings.authorEmail()).isEqualTo("harbormaster@localhost");
    assertThat(settings.networkTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aTimeoutThatIsNotANumberIsRefusedByName() {
    assertThatThrownBy(
            () ->
                GitOpsSettings.fromEnvironment(
                    Map.of("HM_GIT_TIMEOUT_SECONDS", "1m"), DEFAULT_WORKDIR))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("HM_GIT_TIMEOUT_SECONDS")
        .hasMessageContaining("'1m' is not a whole number of seconds");
  }
}
