package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.mapping.ManagedAppMapper;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;

/** Reads a ManagedApp as the core sees it. */
public final class ManagedApps {
  private final KubernetesClient client;

  public ManagedApps(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @throws RequestRejected when there is no such app
   * @throws io.harbormaster.core.model.InvalidSpecException when its spec is wrong
   */
  ManagedApp load(ObjectRef ref, String field) {
    io.harbormaster.api.crd.ManagedApp resource =
        client
            .resources(io.harbormaster.api.crd.ManagedApp.class)
            .inNamespace(ref.namespace())
            .withName(ref.name())
            .get();
    if (resource == null) {
      throw new RequestRejected(
          "AppNotFound",
          field + ": ManagedApp " + ref + " does not exist: create it, or name an existing one");
    }
    return ManagedAppMapper.toCore(resource);
  }
}
