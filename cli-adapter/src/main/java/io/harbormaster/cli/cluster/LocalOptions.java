package io.harbormaster.cli.cluster;

import io.harbormaster.embedded.Harbormaster;
import io.harbormaster.embedded.local.LocalOperations;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.gitops.auth.CredentialsSource;
import io.harbormaster.gitops.auth.EnvironmentCredentials;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --local}: run the operation from this process instead of an operator in the cluster. Git
 * is reached with the credentials of {@link io.harbormaster.gitops.auth.EnvironmentCredentials}.
 */
final class LocalOptions {
  @Option(
      names = "--local",
      description =
          "Run the operation from this process, for a cluster without the Harbormaster operator."
              + " Git credentials come from HM_GIT_TOKEN_FILE, HM_GIT_TOKEN, or HM_GIT_SSH_KEY_FILE + HM_GIT_KNOWN_HOSTS_FILE.")
  private boolean local;

  @Option(
      names = "--git-workdir",
      paramLabel = "DIR",
      description =
          "With --local: where the git clones are kept (default: $HM_GIT_WORKDIR, else ~/.cache/harbormaster/git).")
  private Path gitWorkdir;

  /**
   * With {@code --local}, the run on {@code cluster}, printing its progress on {@code out}, once
   * the cluster is known to serve what an operation needs (Flux, VolumeSnapshots), so a request is
   * not created only to fail.
   */
  Optional<LocalRun> prepare(Cluster cluster, PrintWriter out) {
    if (!local) {
      return Optional.empty();
    }
    GitOpsSettings git = gitSettings(System.getenv());
    CredentialsSource credentials = EnvironmentCredentials.fromSystem();
    LocalOperations operations;
    try {
      operations = Harbormaster.local(cluster.client(), git, credentials, Clock.systemUTC());
    } catch (IllegalStateException missing) {
      throw CommandFailure.unreachable(missing.getMessage());
    }
    return Optional.of(new LocalRun(operations, out));
  }

  /**
   * Clones in the work folder; commits by $HM_GIT_AUTHOR_NAME and $HM_GIT_AUTHOR_EMAIL, as the
   * operator's.
   */
  private GitOpsSettings gitSettings(Map<String, String> env) {
    GitOpsSettings fromEnvironment =
        GitOpsSettings.fromEnvironment(
            env, Path.of(System.getProperty("user.home"), ".cache", "harbormaster", "git"));
    return gitWorkdir == null
        ? fromEnvironment
        : GitOpsSettings.builder().from(fromEnvironment).workDirectory(gitWorkdir).build();
  }
}
