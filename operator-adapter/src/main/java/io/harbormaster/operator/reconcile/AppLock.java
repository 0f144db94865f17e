package io.harbormaster.operator.reconcile;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.operator.crd.OperationStatus;
import io.harbormaster.operator.crd.RollbackRequest;
import java.util.Comparator;
import java.util.Optional;

/**
 * One operation at a time per app. A request may start when no other request of its app is running
 * and none that is waiting goes before it: an auto-triggered rollback first, since it finishes the
 * failed upgrade that held the app (a request queued meanwhile would otherwise start on the broken
 * version, and the rollback after it could no longer revert); then oldest first, then by name, so two
 * requests racing for an app agree on which one goes.
 */
final class AppLock {
  private static final Comparator<CustomResource<?, ?>> QUEUE =
      Comparator.comparing((CustomResource<?, ?> r) -> r.getMetadata().getCreationTimestamp())
          .thenComparing(r -> r.getKind())
          .thenComparing(r -> r.getMetadata().getName());

  private static final Comparator<CustomResource<?, ?>> TURN =
      Comparator.comparing((CustomResource<?, ?> r) -> !autoRollback(r)).thenComparing(QUEUE);

  private final KubernetesClient client;

  AppLock(KubernetesClient client) {
    this.client = client;
  }

  /** What {@code request} waits for, if anything. */
  Optional<String> blocker(CustomResource<?, OperationStatus> request, ObjectRef app) {
    return AppRequests.of(client, app).all()
        .filter(other -> !other.getMetadata().getUid().equals(request.getMetadata().getUid()))
        .filter(other -> running(other) || (waiting(other) && TURN.compare(other, request) < 0))
        .min(Comparator.comparing((CustomResource<?, OperationStatus> other) -> !running(other)).thenComparing(TURN))
        .map(other -> describe(other, app));
  }

  private static boolean autoRollback(CustomResource<?, ?> request) {
    return request instanceof RollbackRequest rollback
        && rollback.getSpec() != null
        && Boolean.TRUE.equals(rollback.getSpec().autoTriggered());
  }

  private static boolean running(CustomResource<?, OperationStatus> request) {
    OperationStatus status = request.getStatus();
    return status != null && status.phase() != null && !Boolean.TRUE.equals(status.settled());
  }

  /** Not started, not rejected, not being deleted: it will start in its turn. */
  private static boolean waiting(CustomResource<?, OperationStatus> request) {
    OperationStatus status = request.getStatus();
    return (status == null || status.phase() == null) && !RequestConditions.refused(status) && !request.isMarkedForDeletion();
  }

  private static String describe(CustomResource<?, OperationStatus> other, ObjectRef app) {
    String phase = running(other) ? "phase " + other.getStatus().phase() : "waiting to start";
    return "waits for " + other.getKind() + " " + other.getMetadata().getNamespace() + "/" + other.getMetadata().getName()
        + " (" + phase + "): one operation at a time on ManagedApp " + app;
  }
}
