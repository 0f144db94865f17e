package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.mapping.OperationStatusMapper;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.operation.OperationState;
import java.util.List;
import java.util.Optional;

/**
 * The RollbackRequests of one upgrade, as the states their statuses hold: a rollback starts only if
 * none of them has already undone the upgrade (the rule is the core RollbackMachine's).
 */
public final class RollbacksOfUpgrade {
  private RollbacksOfUpgrade() {}

  /** The started rollbacks whose spec names {@code upgrade} (they live in its namespace). */
  public static List<OperationState> of(KubernetesClient client, ObjectRef upgrade) {
    return among(
        client.resources(RollbackRequest.class).inNamespace(upgrade.namespace()).list().getItems(),
        upgrade);
  }

  /** The started rollbacks of {@code upgrade} among {@code rollbacks}, read before. */
  static List<OperationState> among(List<RollbackRequest> rollbacks, ObjectRef upgrade) {
    return rollbacks.stream()
        .filter(
            rollback ->
                rollback.getSpec() != null && upgrade.name().equals(rollback.getSpec().upgrade()))
        .map(RollbacksOfUpgrade::state)
        .flatMap(Optional::stream)
        .toList();
  }

  /** The state a started rollback's status holds. */
  static Optional<OperationState> state(RollbackRequest rollback) {
    ObjectRef ref =
        ObjectRef.of(rollback.getMetadata().getNamespace(), rollback.getMetadata().getName());
    return OperationStatusMapper.toState(OperationId.rollback(ref), rollback.getStatus());
  }
}
