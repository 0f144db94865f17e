package io.harbormaster.core.port;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.OperationId;
import java.util.List;
import java.util.Optional;

/**
 * The app's desired state in git: read the version, commit a new one, revert. Each write is found
 * again by the operation's trailer before it is made, so a crash between push and persisting the
 * commit id never commits twice.
 */
public interface GitOps {
  /**
   * What {@link #commit} would change, read from the branch tip, without committing.
   *
   * @throws GitOpsException when the file or a path is missing, ambiguous or not a scalar
   */
  List<ValueChange> preview(VersionEdit edit);

  /** The pushed commit made for this operation, if there is one on the remote branch. */
  Optional<GitCommit> findCommit(GitLocation location, OperationId operation);

  /** Commits and pushes the edit, or returns the operation's existing commit. */
  GitCommit commit(VersionEdit edit);

  /** Reverts and pushes, or returns the operation's existing revert commit. */
  GitCommit revert(RevertRequest request);

  /**
   * What {@link #revert} would change, read from the branch tip, without committing (the existing
   * revert commit's changes when the operation already made it). A rollback asks before it touches
   * a volume, so a revert git would refuse never follows a restore.
   *
   * @throws GitOpsException when the commit cannot be reverted: not on the branch, a rollback
   *     itself, or a value it set that someone changed since
   */
  List<ValueChange> previewRevert(RevertRequest request);

  /**
   * Whether {@code commit} is {@code ancestor} or has it in its history, as the branch is fetched
   * now: Flux applies the branch tip, which may be a later commit that includes an operation's own.
   */
  boolean contains(GitLocation location, String commit, String ancestor);
}
