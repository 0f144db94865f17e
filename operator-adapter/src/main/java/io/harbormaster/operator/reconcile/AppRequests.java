package io.harbormaster.operator.reconcile;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.operator.crd.OperationStatus;
import io.harbormaster.operator.crd.RollbackRequest;
import io.harbormaster.operator.crd.UpgradeRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The UpgradeRequests and RollbackRequests of one app, read in one pass over its namespace. */
final class AppRequests {
  private final List<UpgradeRequest> upgrades;
  private final List<RollbackRequest> rollbacks;

  private AppRequests(List<UpgradeRequest> upgrades, List<RollbackRequest> rollbacks) {
    this.upgrades = upgrades;
    this.rollbacks = rollbacks;
  }

  static AppRequests of(KubernetesClient client, ObjectRef app) {
    List<UpgradeRequest> upgrades =
        client.resources(UpgradeRequest.class).inNamespace(app.namespace()).list().getItems().stream()
            .filter(upgrade -> upgrade.getSpec() != null && app.name().equals(upgrade.getSpec().app()))
            .collect(Collectors.toList());
    Set<String> upgradeNames = upgrades.stream().map(u -> u.getMetadata().getName()).collect(Collectors.toSet());
    List<RollbackRequest> rollbacks =
        client.resources(RollbackRequest.class).inNamespace(app.namespace()).list().getItems().stream()
            .filter(rollback -> rollback.getSpec() != null && upgradeNames.contains(rollback.getSpec().upgrade()))
            .collect(Collectors.toList());
    return new AppRequests(upgrades, rollbacks);
  }

  /** Every request of the app, upgrades and rollbacks. */
  Stream<CustomResource<?, OperationStatus>> all() {
    return Stream.concat(upgrades.stream(), rollbacks.stream());
  }

  Optional<UpgradeRequest> newestUpgrade() {
    return upgrades.stream()
        .max(Comparator.comparing((UpgradeRequest u) -> u.getMetadata().getCreationTimestamp())
            .thenComparing(u -> u.getMetadata().getName()));
  }

  /** Every upgrade that still exists: its snapshots are not orphans. */
  Set<ObjectRef> knownUpgrades() {
    return upgrades.stream().map(AppRequests::ref).collect(Collectors.toSet());
  }

  /** Upgrades whose snapshots must stay: still running, or restored from by an unfinished rollback. */
  Set<ObjectRef> protectedUpgrades() {
    Stream<ObjectRef> running = upgrades.stream().filter(u -> !settled(u)).map(AppRequests::ref);
    Stream<ObjectRef> restoring =
        rollbacks.stream()
            .filter(r -> !settled(r))
            .map(r -> ObjectRef.of(r.getMetadata().getNamespace(), r.getSpec().upgrade()));
    return Stream.concat(running, restoring).collect(Collectors.toSet());
  }

  private static boolean settled(CustomResource<?, OperationStatus> request) {
    return request.getStatus() != null && Boolean.TRUE.equals(request.getStatus().settled());
  }

  private static ObjectRef ref(CustomResource<?, ?> request) {
    return ObjectRef.of(request.getMetadata().getNamespace(), request.getMetadata().getName());
  }
}
