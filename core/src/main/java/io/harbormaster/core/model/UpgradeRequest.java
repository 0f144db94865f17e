package io.harbormaster.core.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A request to upgrade one app; without a target the app's auto-update policy picks the version.
 */
@Value.Immutable
public abstract class UpgradeRequest {
  public abstract ObjectRef id();

  public abstract ObjectRef app();

  public abstract Optional<TargetVersion> target();

  @Value.Default
  public boolean dryRun() {
    return false;
  }

  @Value.Default
  public boolean skipSnapshot() {
    return false;
  }

  /**
   * Move to a lower version than git holds. Off by default: an app's data written by a newer
   * version (a database's files, a migrated schema) may not be readable by an older one; the safe
   * way back is a rollback, which restores the snapshots taken before the upgrade.
   */
  @Value.Default
  public boolean allowDowngrade() {
    return false;
  }

  public static ImmutableUpgradeRequest.Builder builder() {
    return ImmutableUpgradeRequest.builder();
  }
}
