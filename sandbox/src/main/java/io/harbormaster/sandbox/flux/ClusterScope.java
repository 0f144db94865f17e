package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Which kinds live outside namespaces. A real controller asks the API server's discovery; the mock
 * serves none for built-in kinds, so the simulation knows the common cluster-scoped kinds by name.
 */
final class ClusterScope {
  private static final Set<String> CLUSTER_SCOPED_KINDS =
      Set.of(
          "Namespace",
          "Node",
          "PersistentVolume",
          "StorageClass",
          "CSIDriver",
          "CustomResourceDefinition",
          "ClusterRole",
          "ClusterRoleBinding",
          "PriorityClass",
          "VolumeSnapshotClass",
          "VolumeSnapshotContent",
          "MutatingWebhookConfiguration",
          "ValidatingWebhookConfiguration",
          "APIService",
          "IngressClass",
          "RuntimeClass");

  private ClusterScope() {}

  static boolean namespaced(String kind) {
    return !CLUSTER_SCOPED_KINDS.contains(kind);
  }

  static boolean namespaced(JsonNode object) {
    return namespaced(object.path("kind").asText());
  }
}
