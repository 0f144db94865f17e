package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.CustomResource;
import io.harbormaster.api.crd.NamespacedName;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.crd.PvcItem;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.api.crd.WorkloadItem;
import io.harbormaster.core.model.FluxKind;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The watches that wake requests: a change to a workload, pod, PVC, Flux object or VolumeSnapshot
 * wakes the running requests whose operation touches that namespace (spurious wake-ups are fine:
 * the engine observes again); a change to any request wakes the requests of its namespace still
 * waiting for their turn on an app. An operator acting on apps' objects as their ServiceAccounts
 * may not watch those objects itself: it has the request watches only, and its operations look
 * again every {@link OperationReconciler#POLL} instead.
 */
final class Wakeups {
  private Wakeups() {}

  /**
   * @param appObjects whether to watch the apps' workloads, pods, PVCs, Flux objects and
   *     VolumeSnapshots
   */
  static <R extends CustomResource<?, OperationStatus>> List<EventSource<?, R>> of(
      EventSourceContext<R> context, Class<R> type, boolean appObjects) {
    List<EventSource<?, R>> sources = new ArrayList<>();
    if (appObjects) {
      sources.add(typed(context, type, Deployment.class, "deployments"));
      sources.add(typed(context, type, StatefulSet.class, "statefulsets"));
      sources.add(typed(context, type, Pod.class, "pods"));
      sources.add(typed(context, type, PersistentVolumeClaim.class, "pvcs"));
      for (FluxKind flux : FluxKind.values()) {
        sources.add(
            generic(
                context, type, new GroupVersionKind(flux.group(), flux.version(), flux.kind())));
      }
      sources.add(
          generic(
              context,
              type,
              new GroupVersionKind("snapshot.storage.k8s.io", "v1", "VolumeSnapshot")));
    }
    sources.add(waiting(context, type, UpgradeRequest.class, "upgraderequests"));
    sources.add(waiting(context, type, RollbackRequest.class, "rollbackrequests"));
    return sources;
  }

  private static <R extends CustomResource<?, OperationStatus>, S extends HasMetadata>
      EventSource<?, R> typed(
          EventSourceContext<R> context, Class<R> type, Class<S> secondary, String name) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(secondary, type)
            .withName(name)
            .withSecondaryToPrimaryMapper(
                object -> running(context, touches(object.getMetadata().getNamespace())))
            .build(),
        context);
  }

  /**
   * Flux objects live apart from the app (often in flux-system): they wake every running request.
   */
  private static <R extends CustomResource<?, OperationStatus>> EventSource<?, R> generic(
      EventSourceContext<R> context, Class<R> type, GroupVersionKind kind) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(kind, type)
            .withName(kind.getKind().toLowerCase(java.util.Locale.ROOT))
            .withSecondaryToPrimaryMapper(object -> running(context, status -> true))
            .build(),
        context);
  }

  private static <R extends CustomResource<?, OperationStatus>, S extends HasMetadata>
      EventSource<?, R> waiting(
          EventSourceContext<R> context, Class<R> type, Class<S> requests, String name) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(requests, type)
            .withName("waiting-" + name)
            .withSecondaryToPrimaryMapper(
                object ->
                    ids(
                        context,
                        request ->
                            request
                                    .getMetadata()
                                    .getNamespace()
                                    .equals(object.getMetadata().getNamespace())
                                && (request.getStatus() == null
                                    || request.getStatus().phase() == null)))
            .build(),
        context);
  }

  private static <R extends CustomResource<?, OperationStatus>> Set<ResourceID> running(
      EventSourceContext<R> context, Predicate<OperationStatus> touches) {
    return ids(
        context,
        request -> {
          OperationStatus status = request.getStatus();
          return status != null
              && status.phase() != null
              && !Boolean.TRUE.equals(status.settled())
              && touches.test(status);
        });
  }

  private static <R extends CustomResource<?, OperationStatus>> Set<ResourceID> ids(
      EventSourceContext<R> context, Predicate<R> wanted) {
    return context
        .getPrimaryCache()
        .list()
        .filter(wanted)
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static Predicate<OperationStatus> touches(String namespace) {
    return status ->
        Stream.of(
                Stream.ofNullable(status.app()).map(NamespacedName::namespace),
                Stream.ofNullable(status.workloads())
                    .flatMap(List::stream)
                    .map(WorkloadItem::namespace),
                Stream.ofNullable(status.volumes()).flatMap(List::stream).map(PvcItem::namespace))
            .flatMap(s -> s)
            .anyMatch(namespace::equals);
  }
}
