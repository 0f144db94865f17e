package io.harbormaster.sandbox.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.kubernetes.CrdsServed;
import java.util.Locale;
import java.util.Map;

/**
 * A namespaced CRD that accepts any content and serves {@code /status}: enough for an API server to
 * store another project's custom resources (Flux's, the CSI snapshotter's) as the sandbox plays
 * them.
 */
public final class SchemalessCrd {
  /**
   * A real API server refuses a CRD of a {@code *.k8s.io} group without this annotation (a link to
   * the API review that approved it); the snapshot CRDs of external-snapshotter carry it.
   */
  static final String API_APPROVED = "api-approved.kubernetes.io";

  private SchemalessCrd() {}

  public static CustomResourceDefinition of(
      String group, String version, String kind, String plural) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(plural + "." + group)
        .withAnnotations(
            group.endsWith(".k8s.io") || group.equals("k8s.io")
                ? Map.of(
                    API_APPROVED, "https://github.com/kubernetes-csi/external-snapshotter/pull/419")
                : Map.of())
        .endMetadata()
        .withNewSpec()
        .withGroup(group)
        .withScope("Namespaced")
        .withNewNames()
        .withKind(kind)
        .withListKind(kind + "List")
        .withPlural(plural)
        .withSingular(kind.toLowerCase(Locale.ROOT))
        .endNames()
        .addNewVersion()
        .withName(version)
        .withServed(true)
        .withStorage(true)
        .withNewSubresources()
        .withNewStatus()
        .endStatus()
        .endSubresources()
        .withNewSchema()
        .withNewOpenAPIV3Schema()
        .withType("object")
        .withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema()
        .endSchema()
        .endVersion()
        .endSpec()
        .build();
  }

  /**
   * Creates the CRD unless one of its name exists, and returns once its resources are served: a
   * real API server serves them a moment after the CRD is created (when it is Established).
   */
  public static void install(KubernetesClient client, CustomResourceDefinition crd) {
    if (client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(crd.getMetadata().getName())
            .get()
        == null) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }
    CrdsServed.await(client, crd);
  }
}
