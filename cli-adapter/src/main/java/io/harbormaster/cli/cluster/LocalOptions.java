package io.harbormaster.cli.cluster;

import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.gitops.auth.EnvironmentCredentials;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Option;

/**
 * {@code --local}: run the operation from this process instead of an operator in the cluster. Git is
 * reached with the credentials of {@link io.harbormaster.gitops.auth.EnvironmentCredentials}.
 */
final class LocalOptions {
  @Option(
      names = "--local",
      description = "Run the operation from this process, for a cluster without the Harbormaster operator."
          + " Git credentials come from HM_GIT_TOKEN_FILE, HM_GIT_TOKEN, or HM_GIT_SSH_KEY_FILE + HM_GIT_KNOWN_HOSTS_FILE.")
  private boolean local;

  @Option(
      names = "--git-workdir",
      paramLabel = "DIR",
      description = "With --local: where the git clones are kept (default: $HM_GIT_WORKDIR, else ~/.cache/harbormaster/git).")
  private Path gitWorkdir;

  boolean enabled() {
    return local;
  }

  /** The run on {@code cluster}, printing its progress on {@code out}. */
  LocalRun run(Cluster cluster, PrintWriter out) {
    return new LocalRun(cluster, gitSettings(System.getenv()), EnvironmentCredentials.fromSystem(), out, Clock.systemUTC());
  }

  /** Clones in the work folder; commits by $HM_GIT_AUTHOR_NAME and $HM_GIT_AUTHOR_EMAIL, as the operator's. */
  private GitOpsSettings gitSettings(Map<String, String> env) {
    Path workDirectory =
        gitWorkdir != null
            ? gitWorkdir
            : env.containsKey("HM_GIT_WORKDIR")
                ? Path.of(env.get("HM_GIT_WORKDIR"))
                : Path.of(System.getProperty("user.home"), ".cache", "harbormaster", "git");
    return GitOpsSettings.builder()
        .workDirectory(workDirectory)
        .authorName(Objects.requireNonNullElse(env.get("HM_GIT_AUTHOR_NAME"), "Harbormaster"))
        .authorEmail(Objects.requireNonNullElse(env.get("HM_GIT_AUTHOR_EMAIL"), "harbormaster@localhost"))
        .build();
  }
}
