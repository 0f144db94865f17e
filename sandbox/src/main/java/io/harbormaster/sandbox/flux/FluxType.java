package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Locale;

/** The Flux kinds the simulation serves, each with the CRD the mock API server needs for it. */
enum FluxType {
  GIT_REPOSITORY("source.toolkit.fluxcd.io", "v1", "GitRepository", "gitrepositories"),
  KUSTOMIZATION("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomizations"),
  HELM_RELEASE("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases");

  private final String group;
  private final String version;
  private final String kind;
  private final String plural;

  FluxType(String group, String version, String kind, String plural) {
    this.group = group;
    this.version = version;
    this.kind = kind;
    this.plural = plural;
  }

  String apiVersion() {
    return group + "/" + version;
  }

  String kind() {
    return kind;
  }

  MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> resources(
      KubernetesClient client) {
    return client.genericKubernetesResources(apiVersion(), kind);
  }

  /** Namespaced, schemaless, with the status subresource: the mock serves {@code /status} only then. */
  CustomResourceDefinition crd() {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(plural + "." + group)
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

  /** Creates this kind's CRD unless it exists. */
  void installCrd(KubernetesClient client) {
    CustomResourceDefinition crd = crd();
    if (client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName()).get() == null) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }
  }
}
