package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.conditions.RequestConditions;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.api.mapping.OperationStatusMapper;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.queue.AppQueue;
import io.harbormaster.core.queue.AppRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The UpgradeRequests and RollbackRequests of one app, read in one pass over its namespace, and its
 * queue.
 */
final class AppRequests {
  private final ObjectRef app;
  private final List<UpgradeRequest> upgrades;
  private final List<RollbackRequest> rollbacks;

  private AppRequests(
      ObjectRef app, List<UpgradeRequest> upgrades, List<RollbackRequest> rollbacks) {
    this.app = app;
    this.upgrades = upgrades;
    this.rollbacks = rollbacks;
  }

  static AppRequests of(KubernetesClient client, ObjectRef app) {
    List<UpgradeRequest> upgrades =
        client
            .resources(UpgradeRequest.class)
            .inNamespace(app.namespace())
            .list()
            .getItems()
            .stream()
            .filter(
                upgrade -> upgrade.getSpec() != null && app.name().equals(upgrade.getSpec().app()))
            .collect(Collectors.toList());
    Set<String> upgradeNames =
        upgrades.stream().map(u -> u.getMetadata().getName()).collect(Collectors.toSet());
    List<RollbackRequest> rollbacks =
        client
            .resources(RollbackRequest.class)
            .inNamespace(app.namespace())
            .list()
            .getItems()
            .stream()
            .filter(
                rollback ->
                    rollback.getSpec() != null
                        && upgradeNames.contains(rollback.getSpec().upgrade()))
            .collect(Collectors.toList());
    return new AppRequests(app, upgrades, rollbacks);
  }

  /** The app's queue (core's rules) over every request of the app. */
  AppQueue queue() {
    return AppQueue.of(
        app,
        Stream.concat(upgrades.stream(), rollbacks.stream())
            .map(AppRequests::queued)
            .collect(Collectors.toList()));
  }

  /** The upgrade the queue calls the app's newest. */
  Optional<UpgradeRequest> newestUpgrade() {
    return queue()
        .newestUpgrade()
        .flatMap(
            newest ->
                upgrades.stream()
                    .filter(upgrade -> upgrade.getMetadata().getName().equals(newest.name()))
                    .findFirst());
  }

  /** The started rollbacks of one of the app's upgrades, from the requests already read. */
  List<OperationState> rollbacksOf(ObjectRef upgrade) {
    return RollbacksOfUpgrade.among(rollbacks, upgrade);
  }

  /** The app's started upgrades and rollbacks, from the requests already read. */
  List<OperationState> operations() {
    return Stream.concat(
            upgrades.stream()
                .map(
                    upgrade ->
                        OperationStatusMapper.toState(
                            OperationId.upgrade(
                                ObjectRef.of(
                                    upgrade.getMetadata().getNamespace(),
                                    upgrade.getMetadata().getName())),
                            upgrade.getStatus())),
            rollbacks.stream().map(RollbacksOfUpgrade::state))
        .flatMap(Optional::stream)
        .toList();
  }

  /** A request as the queue sees it. */
  static AppRequest queued(CustomResource<?, OperationStatus> request) {
    OperationStatus status = request.getStatus();
    String created = request.getMetadata().getCreationTimestamp();
    var queued =
        AppRequest.builder()
            .kind(
                request instanceof RollbackRequest
                    ? AppRequest.Kind.ROLLBACK
                    : AppRequest.Kind.UPGRADE)
            .id(ObjectRef.of(request.getMetadata().getNamespace(), request.getMetadata().getName()))
            .createdAt(created == null ? Instant.EPOCH : Instant.parse(created))
            .state(state(request))
            .phase(Optional.ofNullable(status).map(OperationStatus::phase));
    if (request instanceof RollbackRequest rollback && rollback.getSpec() != null) {
      queued.autoTriggered(Boolean.TRUE.equals(rollback.getSpec().autoTriggered()));
      Optional.ofNullable(rollback.getSpec().upgrade())
          .ifPresent(
              upgrade ->
                  queued.upgrade(ObjectRef.of(request.getMetadata().getNamespace(), upgrade)));
    }
    return queued.build();
  }

  private static AppRequest.State state(CustomResource<?, OperationStatus> request) {
    OperationStatus status = request.getStatus();
    if (status != null && status.phase() != null) {
      return Boolean.TRUE.equals(status.settled())
          ? AppRequest.State.SETTLED
          : AppRequest.State.RUNNING;
    }
    return RequestConditions.refused(status) || request.isMarkedForDeletion()
        ? AppRequest.State.OUT
        : AppRequest.State.WAITING;
  }
}
