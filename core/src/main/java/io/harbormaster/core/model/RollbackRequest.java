package io.harbormaster.core.model;

import org.immutables.value.Value;

/**
 * A request to undo one upgrade. {@code skipSnapshot} skips the volume restore (the git revert and
 * the reconcile still run): for upgrades that took no snapshots or whose data must be kept.
 */
@Value.Immutable
public abstract class RollbackRequest {
  public abstract ObjectRef id();

  public abstract ObjectRef upgrade();

  @Value.Default
  public boolean dryRun() {
    return false;
  }

  @Value.Default
  public boolean skipSnapshot() {
    return false;
  }

  /** Created by a failed upgrade of an app with autoRollback, not by a person. */
  @Value.Default
  public boolean autoTriggered() {
    return false;
  }

  public static ImmutableRollbackRequest.Builder builder() {
    return ImmutableRollbackRequest.builder();
  }
}
