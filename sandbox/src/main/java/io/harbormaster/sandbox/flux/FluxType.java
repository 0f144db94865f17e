package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.sandbox.crd.SchemalessCrd;

/** The Flux kinds the simulation serves, each with the CRD the mock API server needs for it. */
public enum FluxType {
  GIT_REPOSITORY("source.toolkit.fluxcd.io", "v1", "GitRepository", "gitrepositories"),
  KUSTOMIZATION("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomizations"),
  HELM_RELEASE("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases"),
  HELM_REPOSITORY("source.toolkit.fluxcd.io", "v1", "HelmRepository", "helmrepositories"),
  HELM_CHART("source.toolkit.fluxcd.io", "v1", "HelmChart", "helmcharts"),
  OCI_REPOSITORY("source.toolkit.fluxcd.io", "v1", "OCIRepository", "ocirepositories"),
  BUCKET("source.toolkit.fluxcd.io", "v1", "Bucket", "buckets"),
  IMAGE_REPOSITORY("image.toolkit.fluxcd.io", "v1", "ImageRepository", "imagerepositories"),
  IMAGE_POLICY("image.toolkit.fluxcd.io", "v1", "ImagePolicy", "imagepolicies"),
  IMAGE_UPDATE_AUTOMATION(
      "image.toolkit.fluxcd.io", "v1", "ImageUpdateAutomation", "imageupdateautomations");

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

  MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      resources(KubernetesClient client) {
    return client.genericKubernetesResources(apiVersion(), kind);
  }

  /** Creates this kind's CRD unless it exists; the mock serves {@code /status} only then. */
  void installCrd(KubernetesClient client) {
    SchemalessCrd.install(client, SchemalessCrd.of(group, version, kind, plural));
  }
}
