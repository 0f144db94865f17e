package io.harbormaster.sandbox.apiserver;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents a real API server serves and the mock does not (it answers {@code /api}
 * and {@code /apis} with a list of every stored object): the legacy API's versions and resources,
 * and the API groups, built-in and from the installed CRDs. kubectl finds a resource type through
 * them, so {@code kubectl get upgraderequests} works against the sandbox as against a cluster.
 * Built-in groups list the kinds the sandbox serves.
 */
final class Discovery {
  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** Built-in group versions and their resources: name, kind, namespaced. */
  private static final Map<String, List<APIResource>> BUILT_IN = builtIn();

  private Discovery() {}

  /** The document for {@code path} (without its query), if it is one of those the mock lacks. */
  static Optional<String> document(String path, List<CustomResourceDefinition> crds) {
    if (path.equals("/api")) {
      return Optional.of(Serialization.asJson(new APIVersionsBuilder().withVersions("v1").build()));
    }
    if (path.equals("/apis")) {
      return Optional.of(Serialization.asJson(groups(crds)));
    }
    String groupVersion;
    if (path.startsWith("/api/")) {
      groupVersion = path.substring("/api/".length());
    } else if (path.startsWith("/apis/") && path.indexOf('/', "/apis/".length()) > 0) {
      groupVersion = path.substring("/apis/".length());
    } else {
      return Optional.empty();
    }
    List<APIResource> resources =
        BUILT_IN.getOrDefault(groupVersion, definedBy(crds, groupVersion));
    if (resources.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Serialization.asJson(
            new APIResourceListBuilder()
                .withGroupVersion(groupVersion)
                .withResources(resources)
                .build()));
  }

  /** The resources the CRDs serve at {@code groupVersion}. */
  private static List<APIResource> definedBy(
      List<CustomResourceDefinition> crds, String groupVersion) {
    return crds.stream()
        .filter(
            crd ->
                crd.getSpec().getVersions().stream()
                    .anyMatch(
                        version ->
                            version.getServed()
                                && groupVersion.equals(
                                    crd.getSpec().getGroup() + "/" + version.getName())))
        .map(
            crd ->
                resource(
                    crd.getSpec().getNames().getPlural(),
                    crd.getSpec().getNames().getKind(),
                    "Namespaced".equals(crd.getSpec().getScope())))
        .toList();
  }

  private static io.fabric8.kubernetes.api.model.APIGroupList groups(
      List<CustomResourceDefinition> crds) {
    Map<String, List<String>> versions = new LinkedHashMap<>();
    BUILT_IN.keySet().stream()
        .filter(groupVersion -> groupVersion.contains("/"))
        .forEach(
            groupVersion ->
                versions
                    .computeIfAbsent(groupVersion.split("/")[0], group -> new ArrayList<>())
                    .add(groupVersion.split("/")[1]));
    for (CustomResourceDefinition crd : crds) {
      List<String> served =
          versions.computeIfAbsent(crd.getSpec().getGroup(), g -> new ArrayList<>());
      crd.getSpec().getVersions().stream()
          .filter(CustomResourceDefinitionVersion::getServed)
          .map(CustomResourceDefinitionVersion::getName)
          .filter(version -> !served.contains(version))
          .forEach(served::add);
    }
    List<APIGroup> groups = new ArrayList<>();
    versions.forEach(
        (group, served) -> {
          List<GroupVersionForDiscovery> each =
              served.stream()
                  .map(version -> new GroupVersionForDiscovery(group + "/" + version, version))
                  .toList();
          groups.add(
              new APIGroupBuilder()
                  .withName(group)
                  .withVersions(each)
                  .withPreferredVersion(each.get(0))
                  .build());
        });
    return new APIGroupListBuilder().withGroups(groups).build();
  }

  private static Map<String, List<APIResource>> builtIn() {
    Map<String, List<APIResource>> served = new LinkedHashMap<>();
    served.put(
        "v1",
        List.of(
            resource("configmaps", "ConfigMap", true),
            resource("events", "Event", true),
            resource("namespaces", "Namespace", false),
            resource("persistentvolumeclaims", "PersistentVolumeClaim", true),
            resource("persistentvolumes", "PersistentVolume", false),
            resource("pods", "Pod", true),
            resource("secrets", "Secret", true),
            resource("serviceaccounts", "ServiceAccount", true),
            resource("services", "Service", true)));
    served.put(
        "apps/v1",
        List.of(
            resource("deployments", "Deployment", true),
            resource("replicasets", "ReplicaSet", true),
            resource("statefulsets", "StatefulSet", true)));
    served.put("coordination.k8s.io/v1", List.of(resource("leases", "Lease", true)));
    served.put(
        "apiextensions.k8s.io/v1",
        List.of(resource("customresourcedefinitions", "CustomResourceDefinition", false)));
    served.put("storage.k8s.io/v1", List.of(resource("storageclasses", "StorageClass", false)));
    served.put(
        "rbac.authorization.k8s.io/v1",
        List.of(
            resource("clusterroles", "ClusterRole", false),
            resource("clusterrolebindings", "ClusterRoleBinding", false),
            resource("roles", "Role", true),
            resource("rolebindings", "RoleBinding", true)));
    return served;
  }

  private static APIResource resource(String name, String kind, boolean namespaced) {
    return new APIResourceBuilder()
        .withName(name)
        .withSingularName(kind.toLowerCase())
        .withKind(kind)
        .withNamespaced(namespaced)
        .withVerbs(ALL_VERBS)
        .build();
  }
}
