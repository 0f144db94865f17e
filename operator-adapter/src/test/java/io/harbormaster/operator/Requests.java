package io.harbormaster.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.RollbackRequestSpec;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.api.crd.UpgradeRequestSpec;
import io.harbormaster.sandbox.await.AwaitCondition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Creates UpgradeRequests as a user would and waits, woken by watches, for requests to reach a
 * state.
 */
final class Requests {
  private final KubernetesClient client;

  Requests(KubernetesClient client) {
    this.client = client;
  }

  void upgrade(
      String namespace,
      String name,
      String app,
      String version,
      boolean dryRun,
      boolean skipSnapshot) {
    create(
        namespace,
        name,
        new UpgradeRequestSpec(
            app, new UpgradeRequestSpec.Target(version, Map.of()), dryRun, skipSnapshot, false));
  }

  /** An upgrade of one image's tag ({@code spec.target.imageTags}). */
  void upgradeImage(
      String namespace, String name, String app, String image, String tag, boolean dryRun) {
    create(
        namespace,
        name,
        new UpgradeRequestSpec(
            app, new UpgradeRequestSpec.Target(null, Map.of(image, tag)), dryRun, false, false));
  }

  private void create(String namespace, String name, UpgradeRequestSpec spec) {
    UpgradeRequest request = new UpgradeRequest();
    request.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    request.setSpec(spec);
    client.resource(request).create();
  }

  /** A RollbackRequest of upgrade {@code namespace/upgrade}, as a person would ask for one. */
  void rollback(String namespace, String name, String upgrade) {
    RollbackRequest request = new RollbackRequest();
    request.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    request.setSpec(new RollbackRequestSpec(upgrade, false, false, false));
    client.resource(request).create();
  }

  Resource<UpgradeRequest> upgrade(String namespace, String name) {
    return client.resources(UpgradeRequest.class).inNamespace(namespace).withName(name);
  }

  Resource<RollbackRequest> rollback(String namespace, String name) {
    return client.resources(RollbackRequest.class).inNamespace(namespace).withName(name);
  }

  static <R extends CustomResource<?, OperationStatus>> R await(
      Resource<R> request, Predicate<R> condition, Duration wait) {
    return AwaitCondition.until(request, r -> r != null && condition.test(r), wait);
  }

  static <R extends CustomResource<?, OperationStatus>> Predicate<R> inPhase(String phase) {
    return request -> request.getStatus() != null && phase.equals(request.getStatus().phase());
  }

  /** Completed or Failed. */
  static <R extends CustomResource<?, OperationStatus>> Predicate<R> finished() {
    return request ->
        request.getStatus() != null
            && ("Completed".equals(request.getStatus().phase())
                || "Failed".equals(request.getStatus().phase()));
  }

  /**
   * Failed and done putting things back: Flux resumed and the workloads restarted (or a rollback
   * asked for).
   */
  static <R extends CustomResource<?, OperationStatus>> Predicate<R> settledFailure() {
    return request ->
        Requests.<R>inPhase("Failed").test(request)
            && Boolean.TRUE.equals(request.getStatus().settled());
  }

  /** The Events recorded on {@code request} ({@code kubectl describe} shows them). */
  List<Event> events(CustomResource<?, OperationStatus> request) {
    return client
        .v1()
        .events()
        .inNamespace(request.getMetadata().getNamespace())
        .list()
        .getItems()
        .stream()
        .filter(
            event ->
                request.getKind().equals(event.getInvolvedObject().getKind())
                    && request.getMetadata().getName().equals(event.getInvolvedObject().getName()))
        .toList();
  }

  static Optional<Condition> condition(CustomResource<?, OperationStatus> request, String type) {
    if (request.getStatus() == null || request.getStatus().conditions() == null) {
      return Optional.empty();
    }
    return request.getStatus().conditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst();
  }

  /** The phases the request went through, in order, from its status history. */
  static List<String> phases(CustomResource<?, OperationStatus> request) {
    return request.getStatus().history().stream().map(OperationStatus.PhaseRecord::phase).toList();
  }
}
