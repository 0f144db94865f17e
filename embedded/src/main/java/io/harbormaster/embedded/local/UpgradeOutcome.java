package io.harbormaster.embedded.local;

import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import java.util.Optional;

/**
 * How an upgrade ended, and the auto-rollback it asked for, if any; either request may be
 * unfinished when it was followed and the wait ran out.
 */
public record UpgradeOutcome(UpgradeRequest upgrade, Optional<RollbackRequest> rollback) {
  private static final String COMPLETED = "Completed";

  public boolean upgraded() {
    return upgrade.getStatus() != null && COMPLETED.equals(upgrade.getStatus().phase());
  }

  /** The upgrade failed and its rollback put the app back. */
  public boolean rolledBack() {
    return rollback
        .filter(r -> r.getStatus() != null && COMPLETED.equals(r.getStatus().phase()))
        .isPresent();
  }
}
