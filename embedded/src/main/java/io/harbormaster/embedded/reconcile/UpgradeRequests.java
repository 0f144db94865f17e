package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.conditions.RequestConditions;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.mapping.OperationStatusMapper;
import io.harbormaster.api.mapping.RequestMapper;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.UpgradeMachine;
import java.time.Instant;

/** UpgradeRequests: the app is named in the spec; the operation starts from nothing. */
final class UpgradeRequests implements RequestKind<io.harbormaster.api.crd.UpgradeRequest> {
  private final KubernetesClient client;

  UpgradeRequests(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public OperationId id(io.harbormaster.api.crd.UpgradeRequest request) {
    return OperationId.upgrade(
        ObjectRef.of(request.getMetadata().getNamespace(), request.getMetadata().getName()));
  }

  @Override
  public ObjectRef app(io.harbormaster.api.crd.UpgradeRequest request) {
    return RequestMapper.appOf(request);
  }

  @Override
  public boolean dryRun(io.harbormaster.api.crd.UpgradeRequest request) {
    return request.getSpec() != null && Boolean.TRUE.equals(request.getSpec().dryRun());
  }

  @Override
  public Operation prepare(
      io.harbormaster.api.crd.UpgradeRequest request, ManagedApps apps, Instant now) {
    UpgradeRequest upgrade = RequestMapper.toCore(request);
    var app = apps.load(upgrade.app(), "spec.app");
    UpgradeMachine machine = new UpgradeMachine(app, upgrade);
    return new Operation(app, machine, () -> machine.start(now));
  }

  /**
   * A deleted upgrade (cancelled: {@code hm cancel}, {@code kubectl delete}) that failed past its
   * commit stays until its auto-rollback has ended: the rollback starts from the upgrade's status,
   * and it is owned by the upgrade, so removing the upgrade would have the garbage collector delete
   * the rollback half-way.
   */
  @Override
  public boolean waitsForItsRollback(
      io.harbormaster.api.crd.UpgradeRequest request, OperationState state) {
    if (!request.isMarkedForDeletion() || !state.rollbackRequested()) {
      return false;
    }
    ObjectRef rollback =
        ObjectRef.of(
            request.getMetadata().getNamespace(),
            request.getMetadata().getName() + RollbackRequestCreator.SUFFIX);
    RollbackRequest found =
        client
            .resources(RollbackRequest.class)
            .inNamespace(rollback.namespace())
            .withName(rollback.name())
            .get();
    if (found == null || RequestConditions.refused(found.getStatus())) {
      return false;
    }
    return !OperationStatusMapper.toState(OperationId.rollback(rollback), found.getStatus())
        .map(OperationState::finished)
        .orElse(false);
  }
}
