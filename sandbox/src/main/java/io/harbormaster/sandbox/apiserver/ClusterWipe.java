package io.harbormaster.sandbox.apiserver;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Leaves a shared real API server as a new cluster but for its CRDs: every namespace but
 * Kubernetes' own is deleted with everything in it (custom resources included), and so are the
 * cluster-scoped objects a sandbox makes (Nodes, PersistentVolumes, storage and snapshot classes).
 * Finalizers are dropped first: this server runs no controller that would remove them (nor the
 * namespace controller that empties a deleted namespace), and pods are deleted at once since no
 * kubelet confirms their end. CRDs stay (every sandbox installs the same ones, and deleting and
 * re-creating them costs a second a sandbox; a test of a cluster without one deletes it itself),
 * and so do RBAC objects and the server's own objects.
 */
final class ClusterWipe {
  private static final Set<String> KEPT_NAMESPACES =
      Set.of("default", "kube-system", "kube-public", "kube-node-lease");

  /** Objects the API server itself keeps in {@code default}. */
  private static final String API_SERVER_OWN = "kubernetes";

  /**
   * Calls in flight at once: a wipe is a hundred-odd small calls (a list of every type, a delete of
   * every object), each mostly waiting on the server and etcd's disk writes, so they go side by
   * side.
   */
  private static final int PARALLEL_CALLS = 8;

  private static final Set<String> CLUSTER_SCOPED_WIPED =
      Set.of(
          "nodes",
          "persistentvolumes",
          "storageclasses",
          "volumesnapshotcontents",
          "volumesnapshotclasses");

  private ClusterWipe() {}

  static void wipe(KubernetesClient admin) {
    ExecutorService calls =
        Executors.newFixedThreadPool(
            PARALLEL_CALLS,
            runnable -> {
              Thread thread = new Thread(runnable, "sandbox-wipe");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Runnable> removals =
          inParallel(calls, deletableTypes(calls, admin), type -> removals(admin, type)).stream()
              .flatMap(List::stream)
              .toList();
      each(calls, removals, Runnable::run);
      // Last, so no object is left in a namespace that is gone.
      each(calls, admin.namespaces().list().getItems(), namespace -> remove(admin, namespace));
    } finally {
      calls.shutdownNow();
    }
  }

  /** A removal of each object of {@code type} that the wipe deletes. */
  private static List<Runnable> removals(KubernetesClient admin, ResourceDefinitionContext type) {
    var all = admin.genericKubernetesResources(type);
    List<GenericKubernetesResource> objects =
        type.isNamespaceScoped() ? all.inAnyNamespace().list().getItems() : all.list().getItems();
    List<Runnable> removals = new ArrayList<>();
    for (GenericKubernetesResource object : objects) {
      if (wiped(object, type)) {
        String namespace = object.getMetadata().getNamespace();
        Resource<GenericKubernetesResource> resource =
            type.isNamespaceScoped()
                ? all.inNamespace(namespace).withName(object.getMetadata().getName())
                : all.withName(object.getMetadata().getName());
        removals.add(() -> remove(resource, object));
      }
    }
    return removals;
  }

  private static void remove(KubernetesClient admin, Namespace namespace) {
    String name = namespace.getMetadata().getName();
    if (!KEPT_NAMESPACES.contains(name)) {
      admin.namespaces().withName(name).delete();
      // What the namespace controller does once the namespace is empty: drop its finalizer.
      namespace.getSpec().setFinalizers(List.of());
      namespace.getMetadata().setResourceVersion(null);
      admin.raw("/api/v1/namespaces/" + name + "/finalize", "PUT", namespace);
    }
  }

  private static <T> void each(ExecutorService calls, List<T> items, Consumer<T> call) {
    inParallel(
        calls,
        items,
        item -> {
          call.accept(item);
          return null;
        });
  }

  /**
   * {@code call} applied to each item on {@code calls}' threads; the first failure, once all have
   * ended.
   */
  private static <T, R> List<R> inParallel(
      ExecutorService calls, List<T> items, Function<T, R> call) {
    List<Future<R>> futures =
        items.stream().map(item -> calls.submit(() -> call.apply(item))).toList();
    List<R> results = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<R> future : futures) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException cause
                  ? cause
                  : new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while wiping the API server", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  private static boolean wiped(GenericKubernetesResource object, ResourceDefinitionContext type) {
    if (!type.isNamespaceScoped()) {
      return CLUSTER_SCOPED_WIPED.contains(type.getPlural());
    }
    String namespace = object.getMetadata().getNamespace();
    if (namespace.equals("default")) {
      return !object.getMetadata().getName().equals(API_SERVER_OWN);
    }
    return !KEPT_NAMESPACES.contains(namespace);
  }

  private static void remove(
      Resource<GenericKubernetesResource> resource, GenericKubernetesResource object) {
    try {
      if (!object.getMetadata().getFinalizers().isEmpty()) {
        resource.patch(
            PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
      }
      resource.withGracePeriod(0).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  /** Every resource type the server lists and deletes, in each group's preferred version. */
  private static List<ResourceDefinitionContext> deletableTypes(
      ExecutorService calls, KubernetesClient admin) {
    List<String> groupVersions = new ArrayList<>(List.of("v1"));
    for (APIGroup group : admin.getApiGroups().getGroups()) {
      groupVersions.add(group.getPreferredVersion().getGroupVersion());
    }
    List<List<APIResource>> resources =
        inParallel(
            calls,
            groupVersions,
            groupVersion -> admin.getApiResources(groupVersion).getResources());
    List<ResourceDefinitionContext> types = new ArrayList<>();
    for (int i = 0; i < groupVersions.size(); i++) {
      String groupVersion = groupVersions.get(i);
      for (APIResource resource : resources.get(i)) {
        if (!resource.getName().contains("/")
            && resource.getVerbs().containsAll(List.of("list", "delete"))
            && !resource.getName().equals("namespaces")) {
          int slash = groupVersion.indexOf('/');
          types.add(
              new ResourceDefinitionContext.Builder()
                  .withGroup(slash < 0 ? "" : groupVersion.substring(0, slash))
                  .withVersion(slash < 0 ? groupVersion : groupVersion.substring(slash + 1))
                  .withPlural(resource.getName())
                  .withKind(resource.getKind())
                  .withNamespaced(resource.getNamespaced())
                  .build());
        }
      }
    }
    return types;
  }
}
