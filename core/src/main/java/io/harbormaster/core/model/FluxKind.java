package io.harbormaster.core.model;

/**
 * The two Flux objects that deploy an app; each knows its API so adapters need not spell it twice.
 */
public enum FluxKind {
  KUSTOMIZATION("kustomize.toolkit.fluxcd.io", "v1", "Kustomization"),
  HELM_RELEASE("helm.toolkit.fluxcd.io", "v2", "HelmRelease");

  private final String group;
  private final String version;
  private final String kind;

  FluxKind(String group, String version, String kind) {
    this.group = group;
    this.version = version;
    this.kind = kind;
  }

  public String group() {
    return group;
  }

  public String version() {
    return version;
  }

  public String apiVersion() {
    return group + "/" + version;
  }

  /** The Kubernetes kind, e.g. {@code HelmRelease}. */
  public String kind() {
    return kind;
  }
}
