package io.harbormaster.gitops;

import io.harbormaster.core.model.InvalidSpecException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** How the git adapter works: where its clones live, who commits, how hard it retries. */
@Value.Immutable
public abstract class GitOpsSettings {
  /** Holds one bare clone per repository, reused across operations. */
  public abstract Path workDirectory();

  public abstract String authorName();

  public abstract String authorEmail();

  /** How many commits back from the branch tip an operation's earlier commit is looked for. */
  @Value.Default
  public int historyDepth() {
    return 1000;
  }

  /** Pushes tried when the branch keeps moving under us, before giving up. */
  @Value.Default
  public int pushAttempts() {
    return 5;
  }

  /** Wait before the n-th retry is n times this, so writers racing for a branch spread out. */
  @Value.Default
  public Duration retryBackoff() {
    return Duration.ofMillis(200);
  }

  /**
   * How long a fetch or push may wait on the network (connect, and each read) before it gives up as
   * unavailable, to be retried: JGit would otherwise wait forever on a host that stopped answering,
   * and hold the operator's reconcile thread with it.
   */
  @Value.Default
  public Duration networkTimeout() {
    return Duration.ofSeconds(60);
  }

  public static ImmutableGitOpsSettings.Builder builder() {
    return ImmutableGitOpsSettings.builder();
  }

  /**
   * The settings the operator and {@code hm --local} take from their environment: {@code
   * HM_GIT_WORKDIR} (else {@code defaultWorkDirectory}), {@code HM_GIT_AUTHOR_NAME} (Harbormaster),
   * {@code HM_GIT_AUTHOR_EMAIL} (harbormaster@localhost), {@code HM_GIT_TIMEOUT_SECONDS} (60).
   */
  public static GitOpsSettings fromEnvironment(Map<String, String> env, Path defaultWorkDirectory) {
    return builder()
        .workDirectory(value(env, "HM_GIT_WORKDIR").map(Path::of).orElse(defaultWorkDirectory))
        .authorName(value(env, "HM_GIT_AUTHOR_NAME").orElse("Harbormaster"))
        .authorEmail(value(env, "HM_GIT_AUTHOR_EMAIL").orElse("harbormaster@localhost"))
        .networkTimeout(Duration.ofSeconds(seconds(env, "HM_GIT_TIMEOUT_SECONDS", 60)))
        .build();
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static long seconds(Map<String, String> env, String name, long fallback) {
    Optional<String> text = value(env, name);
    try {
      return text.map(Long::parseLong).orElse(fallback);
    } catch (NumberFormatException e) {
      throw new InvalidSpecException(
          name,
          "'" + text.get() + "' is not a whole number of seconds: set it to e.g. " + fallback);
    }
  }

  @Value.Check
  protected void check() {
    if (authorName().isBlank()) {
      throw new InvalidSpecException(
          "git.authorName", "is empty: give the name commits are made under");
    }
    if (!authorEmail().contains("@")) {
      throw new InvalidSpecException(
          "git.authorEmail", "'" + authorEmail() + "' is not an e-mail address");
    }
    if (historyDepth() < 1 || pushAttempts() < 1) {
      throw new InvalidSpecException(
          "git.historyDepth/pushAttempts",
          historyDepth() + "/" + pushAttempts() + ": both must be at least 1");
    }
    if (networkTimeout().getSeconds() < 1) {
      throw new InvalidSpecException(
          "git.networkTimeout",
          networkTimeout() + " is under a second: JGit counts in whole seconds");
    }
    if (retryBackoff().isNegative()) {
      throw new InvalidSpecException("git.retryBackoff", retryBackoff() + " is negative");
    }
  }
}
