package io.harbormaster.core.port;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.OperationId;
import org.immutables.value.Value;

/** Undo an upgrade's commit, for a rollback operation. */
@Value.Immutable
public abstract class RevertRequest {
  public abstract GitLocation location();

  public abstract String app();

  /** The rollback doing the revert; its trailer makes the revert idempotent. */
  public abstract OperationId operation();

  /** The upgrade commit to undo. */
  public abstract String commitId();

  public static ImmutableRevertRequest.Builder builder() {
    return ImmutableRevertRequest.builder();
  }
}
