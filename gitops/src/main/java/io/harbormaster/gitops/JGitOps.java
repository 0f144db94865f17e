package io.harbormaster.gitops;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.port.GitCommit;
import io.harbormaster.core.port.GitOps;
import io.harbormaster.core.port.GitOpsException;
import io.harbormaster.core.port.RevertRequest;
import io.harbormaster.core.port.ValueChange;
import io.harbormaster.core.port.VersionEdit;
import io.harbormaster.gitops.auth.CredentialsSource;
import io.harbormaster.gitops.auth.TransportAuth;
import io.harbormaster.gitops.message.CommitMessage;
import io.harbormaster.gitops.repo.LocalClone;
import io.harbormaster.gitops.repo.LocalClones;
import io.harbormaster.gitops.repo.PushOutcome;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GitOps} with JGit. Each call fetches the branch into the repository's local clone, looks
 * for the operation's commit in recent history (so a repeat after a crash returns it), builds the
 * commit in memory on the tip and pushes it fast-forward; when the branch moved meanwhile it
 * fetches and builds again, a bounded number of times with growing pauses. It never force-pushes.
 */
public final class JGitOps implements GitOps {
  private static final Logger LOG = LoggerFactory.getLogger(JGitOps.class);

  private final GitOpsSettings settings;
  private final CredentialsSource credentials;
  private final LocalClones clones;

  public JGitOps(GitOpsSettings settings, CredentialsSource credentials) {
    this.settings = settings;
    this.credentials = credentials;
    this.clones =
        new LocalClones(settings.workDirectory().resolve("clones"), settings.networkTimeout());
  }

  @Override
  public List<ValueChange> preview(VersionEdit edit) {
    UpgradeCommits upgrade = new UpgradeCommits(edit);
    return withClone(
        edit.location(),
        clone -> {
          RevCommit tip = clone.fetch(edit.location().branch());
          return upgrade.preview(VersionFile.at(clone, tip, edit.location()));
        });
  }

  @Override
  public Optional<GitCommit> findCommit(GitLocation location, OperationId operation) {
    return withClone(
        location, clone -> find(clone, clone.fetch(location.branch()), location, operation));
  }

  @Override
  public GitCommit commit(VersionEdit edit) {
    UpgradeCommits upgrade = new UpgradeCommits(edit);
    return pushWithRetries(
        edit.location(), edit.operation(), (clone, tip) -> upgrade.build(clone, tip, author()));
  }

  @Override
  public GitCommit revert(RevertRequest request) {
    RevertCommits revert = new RevertCommits(request);
    return pushWithRetries(
        request.location(),
        request.operation(),
        (clone, tip) -> revert.build(clone, tip, author()));
  }

  /**
   * Builds the revert on the tip as {@link #revert} would, in the local clone only: nothing is
   * pushed.
   */
  @Override
  public List<ValueChange> previewRevert(RevertRequest request) {
    RevertCommits revert = new RevertCommits(request);
    return withClone(
        request.location(),
        clone -> {
          RevCommit tip = clone.fetch(request.location().branch());
          Optional<GitCommit> existing = find(clone, tip, request.location(), request.operation());
          return existing.isPresent()
              ? existing.get().changes()
              : revert.build(clone, tip, author()).changes();
        });
  }

  @Override
  public boolean contains(GitLocation location, String commit, String ancestor) {
    return withClone(
        location,
        clone -> {
          clone.fetch(location.branch());
          return clone.contains(commit, ancestor);
        });
  }

  private GitCommit pushWithRetries(
      GitLocation location,
      OperationId operation,
      BiFunction<LocalClone, RevCommit, Attempt> build) {
    return withClone(
        location,
        clone -> {
          for (int attempt = 1; ; attempt++) {
            RevCommit tip = clone.fetch(location.branch());
            Optional<GitCommit> existing = find(clone, tip, location, operation);
            if (existing.isPresent()) {
              LOG.info(
                  "{} already committed {} on branch {}",
                  operation,
                  existing.get().id(),
                  location.branch());
              return existing.get();
            }
            Attempt built = build.apply(clone, tip);
            if (clone.push(built.commit(), location.branch()) == PushOutcome.PUSHED) {
              LOG.info(
                  "{} pushed {} to branch {}: {}",
                  operation,
                  built.commit().name(),
                  location.branch(),
                  built.changes());
              return GitCommit.builder().id(built.commit().name()).changes(built.changes()).build();
            }
            if (attempt == settings.pushAttempts()) {
              // Not a GitOpsException: a busy branch calms down, so the engine retries until its
              // deadline.
              throw new IllegalStateException(
                  "branch '"
                      + location.branch()
                      + "' moved during each of "
                      + attempt
                      + " pushes for "
                      + operation
                      + "; nothing was committed: trying again when it is quieter");
            }
            LOG.info(
                "{}: branch {} moved before push {}, building again on the new tip",
                operation,
                location.branch(),
                attempt);
            pause(attempt);
          }
        });
  }

  private Optional<GitCommit> find(
      LocalClone clone, RevCommit tip, GitLocation location, OperationId operation) {
    return clone
        .findRecent(tip, settings.historyDepth(), commit -> CommitMessage.madeBy(commit, operation))
        .map(
            commit ->
                GitCommit.builder()
                    .id(commit.name())
                    .changes(VersionFile.changes(clone, commit, location))
                    .build());
  }

  private <T> T withClone(GitLocation location, Function<LocalClone, T> work) {
    try (TransportAuth auth =
            TransportAuth.open(location, credentials, settings.workDirectory().resolve("scratch"));
        LocalClone clone = clones.open(location.repository(), auth)) {
      return work.apply(clone);
    }
  }

  private PersonIdent author() {
    return new PersonIdent(settings.authorName(), settings.authorEmail());
  }

  /** Writers racing for one branch spread out; there is no event to wait for on a remote. */
  private void pause(int attempt) {
    try {
      Thread.sleep(settings.retryBackoff().multipliedBy(attempt).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitOpsException("interrupted while waiting to push again; nothing was committed");
    }
  }
}
