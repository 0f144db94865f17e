package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cluster a command talks to, in the namespace it works in, and the Harbormaster resources on
 * it.
 */
final class Cluster implements AutoCloseable {
  private static final String API = ManagedApp.GROUP + "/" + ManagedApp.VERSION;
  private static final Set<String> KINDS =
      Set.of(
          HasMetadata.getKind(ManagedApp.class),
          HasMetadata.getKind(UpgradeRequest.class),
          HasMetadata.getKind(RollbackRequest.class));

  private final KubernetesClient client;
  private final String namespace;

  Cluster(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  KubernetesClient client() {
    return client;
  }

  String namespace() {
    return namespace;
  }

  /** The API server's address, to name it in errors. */
  String url() {
    return client.getConfiguration().getMasterUrl();
  }

  /**
   * Asks the cluster which of Harbormaster's kinds it serves: the first call of every command, so
   * an unreachable cluster and missing CRDs are told apart from a missing object.
   */
  void requireHarbormaster() {
    APIResourceList served = client.getApiResources(API);
    Set<String> kinds =
        served == null
            ? Set.of()
            : served.getResources().stream().map(APIResource::getKind).collect(Collectors.toSet());
    if (!kinds.containsAll(KINDS)) {
      throw CommandFailure.unreachable(
          "the Harbormaster CRDs are not installed on the cluster at "
              + url()
              + ": kubectl apply -k deploy/");
    }
  }

  ManagedApp app(String name) {
    ManagedApp app = client.resources(ManagedApp.class).inNamespace(namespace).withName(name).get();
    if (app == null) {
      throw CommandFailure.notFound(
          "ManagedApp "
              + namespace
              + "/"
              + name
              + " not found: list the apps with 'hm apps -n "
              + namespace
              + "'");
    }
    return app;
  }

  List<ManagedApp> apps(boolean allNamespaces) {
    var apps = client.resources(ManagedApp.class);
    return (allNamespaces ? apps.inAnyNamespace() : apps.inNamespace(namespace)).list().getItems();
  }

  Resource<UpgradeRequest> upgrade(String name) {
    return client.resources(UpgradeRequest.class).inNamespace(namespace).withName(name);
  }

  Resource<RollbackRequest> rollback(String name) {
    return client.resources(RollbackRequest.class).inNamespace(namespace).withName(name);
  }

  /** The UpgradeRequest {@code name}, which must exist. */
  UpgradeRequest existingUpgrade(String name) {
    UpgradeRequest upgrade = upgrade(name).get();
    if (upgrade == null) {
      throw CommandFailure.notFound(
          "UpgradeRequest "
              + namespace
              + "/"
              + name
              + " not found: list the upgrades with 'kubectl get upgraderequests -n "
              + namespace
              + "'");
    }
    return upgrade;
  }

  @Override
  public void close() {
    client.close();
  }
}
