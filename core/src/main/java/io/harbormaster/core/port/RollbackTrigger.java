package io.harbormaster.core.port;

import io.harbormaster.core.model.OperationId;

/**
 * Starts the rollback of a failed upgrade whose app has autoRollback: the operator creates a
 * RollbackRequest owned by the upgrade, the CLI runs the rollback next. Idempotent per upgrade.
 */
public interface RollbackTrigger {
  void startRollback(OperationId upgrade);
}
