package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * Whether an object has reached the state its spec asks for, judged as kstatus (Flux's health
 * checks) and Helm's wait judge it: a Deployment or StatefulSet once its controller has seen the
 * current generation and every wanted replica runs the current template and is ready; a Flux object
 * once Ready for its current generation, and Failed when Stalled; a PersistentVolumeClaim once
 * Bound; anything else once it exists.
 */
final class Readiness {
  enum Status {
    CURRENT,
    IN_PROGRESS,
    FAILED,
    NOT_FOUND
  }

  private final KubernetesClient client;

  Readiness(KubernetesClient client) {
    this.client = client;
  }

  Status of(String apiVersion, String kind, String namespace, String name) {
    var resources = client.genericKubernetesResources(apiVersion, kind);
    GenericKubernetesResource object =
        namespace.isEmpty()
            ? resources.withName(name).get()
            : resources.inNamespace(namespace).withName(name).get();
    if (object == null) {
      return Status.NOT_FOUND;
    }
    return switch (kind) {
      case "Deployment", "StatefulSet" -> rolledOut(object) ? Status.CURRENT : Status.IN_PROGRESS;
      case "PersistentVolumeClaim" ->
          "Bound".equals(object.get("status", "phase")) ? Status.CURRENT : Status.IN_PROGRESS;
      default -> apiVersion.contains(".toolkit.fluxcd.io/") ? fluxStatus(object) : Status.CURRENT;
    };
  }

  /**
   * {@code Kind/namespace/name status: 'InProgress'}, as kustomize-controller lists what it waited
   * for.
   */
  static String describe(String kind, String namespace, String name, Status status) {
    String words =
        switch (status) {
          case CURRENT -> "Current";
          case IN_PROGRESS -> "InProgress";
          case FAILED -> "Failed";
          case NOT_FOUND -> "NotFound";
        };
    return kind
        + "/"
        + (namespace.isEmpty() ? "" : namespace + "/")
        + name
        + " status: '"
        + words
        + "'";
  }

  private static boolean rolledOut(GenericKubernetesResource workload) {
    long wanted =
        workload.get("spec", "replicas") instanceof Number replicas ? replicas.longValue() : 1;
    long generation =
        workload.getMetadata().getGeneration() == null ? 0 : workload.getMetadata().getGeneration();
    return Fields.number(workload, "status", "observedGeneration") >= generation
        && Fields.number(workload, "status", "replicas") == wanted
        && Fields.number(workload, "status", "updatedReplicas") >= wanted
        && Fields.number(workload, "status", "readyReplicas") >= wanted;
  }

  @SuppressWarnings("unchecked")
  private static Status fluxStatus(GenericKubernetesResource object) {
    boolean upToDate =
        Fields.number(object, "status", "observedGeneration")
            == ReconcileRequests.generation(object);
    boolean ready = false;
    if (object.get("status", "conditions") instanceof List<?> conditions) {
      for (Object item : conditions) {
        Map<String, Object> condition = item instanceof Map ? (Map<String, Object>) item : Map.of();
        if ("Stalled".equals(condition.get("type")) && "True".equals(condition.get("status"))) {
          return Status.FAILED;
        }
        ready |= "Ready".equals(condition.get("type")) && "True".equals(condition.get("status"));
      }
    }
    return upToDate && ready ? Status.CURRENT : Status.IN_PROGRESS;
  }
}
