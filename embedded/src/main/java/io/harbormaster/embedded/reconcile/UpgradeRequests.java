package io.harbormaster.embedded.reconcile;

import io.harbormaster.api.mapping.RequestMapper;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.operation.UpgradeMachine;
import java.time.Instant;

/** UpgradeRequests: the app is named in the spec; the operation starts from nothing. */
final class UpgradeRequests implements RequestKind<io.harbormaster.api.crd.UpgradeRequest> {
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
}
