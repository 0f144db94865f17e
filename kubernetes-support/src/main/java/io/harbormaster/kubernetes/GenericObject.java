package io.harbormaster.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * One namespaced object of a kind the client has no class for (a Flux object, say), read and
 * patched as a generic resource by the adapters that read it and by those that change it.
 */
public record GenericObject(String apiVersion, String kind, String namespace, String name) {
  public Resource<GenericKubernetesResource> resource(KubernetesClient client) {
    return client
        .genericKubernetesResources(apiVersion, kind)
        .inNamespace(namespace)
        .withName(name);
  }

  /**
   * The object as it is now.
   *
   * @throws ObjectNotFoundException ending in {@code hint} when it does not exist
   */
  public GenericKubernetesResource require(KubernetesClient client, String hint) {
    GenericKubernetesResource object = resource(client).get();
    if (object == null) {
      throw new ObjectNotFoundException(kind, namespace + "/" + name, hint);
    }
    return object;
  }
}
