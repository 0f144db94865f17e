package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.core.model.FluxRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates Flux objects in the mock and plays the Flux controllers' status writes. */
public final class FluxObjects {
  private final KubernetesClient client;

  public FluxObjects(KubernetesClient client) {
    this.client = client;
  }

  public GenericKubernetesResource create(FluxRef ref, Map<String, String> labels) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(ref.kind().apiVersion());
    object.setKind(ref.kind().kind());
    object.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(ref.object().namespace())
            .withName(ref.object().name())
            .withLabels(labels)
            .build());
    object.setAdditionalProperty("spec", new LinkedHashMap<>(Map.of("interval", "10m")));
    return resource(ref).create(object);
  }

  public GenericKubernetesResource create(FluxRef ref) {
    return create(ref, Map.of());
  }

  /**
   * Writes the status a controller would: Ready as given, Reconciling False, and {@code
   * moreConditions}.
   */
  @SafeVarargs
  public final void reportReady(
      FluxRef ref,
      String status,
      String reason,
      String message,
      String appliedRevision,
      Map<String, Object>... moreConditions) {
    GenericKubernetesResource object = resource(ref).get();
    Map<String, Object> ready = new LinkedHashMap<>();
    ready.put("type", "Ready");
    ready.put("status", status);
    ready.put("reason", reason);
    ready.put("message", message);
    List<Object> conditions = new ArrayList<>();
    conditions.add(Map.of("type", "Reconciling", "status", "False", "reason", "Succeeded"));
    conditions.add(ready);
    conditions.addAll(List.of(moreConditions));
    Map<String, Object> statusMap = new LinkedHashMap<>();
    statusMap.put("observedGeneration", object.getMetadata().getGeneration());
    statusMap.put("conditions", conditions);
    if (appliedRevision != null) {
      statusMap.put("lastAppliedRevision", appliedRevision);
    }
    object.setAdditionalProperty("status", statusMap);
    client
        .genericKubernetesResources(ref.kind().apiVersion(), ref.kind().kind())
        .inNamespace(ref.object().namespace())
        .resource(object)
        .updateStatus();
  }

  public Resource<GenericKubernetesResource> resource(FluxRef ref) {
    return client
        .genericKubernetesResources(ref.kind().apiVersion(), ref.kind().kind())
        .inNamespace(ref.object().namespace())
        .withName(ref.object().name());
  }
}
