package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.api.mapping.OperationStatusMapper;
import io.harbormaster.api.mapping.RequestMapper;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.RollbackRequest;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.RollbackMachine;
import java.time.Instant;

/**
 * RollbackRequests: the app is the upgrade's; the operation starts from the upgrade's persisted
 * state.
 */
final class RollbackRequests implements RequestKind<io.harbormaster.api.crd.RollbackRequest> {
  private final KubernetesClient client;

  RollbackRequests(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public OperationId id(io.harbormaster.api.crd.RollbackRequest request) {
    return OperationId.rollback(
        ObjectRef.of(request.getMetadata().getNamespace(), request.getMetadata().getName()));
  }

  @Override
  public ObjectRef app(io.harbormaster.api.crd.RollbackRequest request) {
    return RequestMapper.appOf(upgradeOf(RequestMapper.toCore(request)));
  }

  @Override
  public boolean dryRun(io.harbormaster.api.crd.RollbackRequest request) {
    return request.getSpec() != null && Boolean.TRUE.equals(request.getSpec().dryRun());
  }

  @Override
  public Operation prepare(
      io.harbormaster.api.crd.RollbackRequest request, ManagedApps apps, Instant now) {
    RollbackRequest rollback = RequestMapper.toCore(request);
    UpgradeRequest upgrade = upgradeOf(rollback);
    upgradeState(rollback, upgrade);
    var app =
        apps.load(RequestMapper.appOf(upgrade), "spec.app of UpgradeRequest " + rollback.upgrade());
    RollbackMachine machine = new RollbackMachine(app, rollback);
    // The upgrade is read again when the rollback starts, after the app's lock let it: the upgrade
    // that triggered it may have settled only since.
    return new Operation(
        app,
        machine,
        () ->
            machine.start(
                upgradeState(rollback, upgradeOf(rollback)),
                RollbacksOfUpgrade.of(client, rollback.upgrade()),
                now));
  }

  private static OperationState upgradeState(RollbackRequest rollback, UpgradeRequest upgrade) {
    return OperationStatusMapper.toState(
            OperationId.upgrade(rollback.upgrade()), upgrade.getStatus())
        .orElseThrow(
            () ->
                new RequestRejected(
                    "UpgradeNotStarted",
                    "spec.upgrade: UpgradeRequest " + rollback.upgrade() + " has not started yet"));
  }

  private UpgradeRequest upgradeOf(RollbackRequest rollback) {
    UpgradeRequest upgrade =
        client
            .resources(UpgradeRequest.class)
            .inNamespace(rollback.upgrade().namespace())
            .withName(rollback.upgrade().name())
            .get();
    if (upgrade == null) {
      throw new RequestRejected(
          "UpgradeNotFound",
          "spec.upgrade: UpgradeRequest " + rollback.upgrade() + " does not exist");
    }
    return upgrade;
  }
}
