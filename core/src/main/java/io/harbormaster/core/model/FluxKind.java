package io.harbormaster.core.model;

/**
 * The two Flux objects that deploy an app; each knows its API so adapters need not spell it twice.
 */
public enum FluxKind {
  KUSTOMIZATION("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "spec.flux.kustomization"),
  HELM_RELEASE("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "spec.flux.helmRelease");

  private final String group;
  private final String version;
  private final String kind;
  private final String specField;

  FluxKind(String group, String version, String kind, String specField) {
    this.group = group;
    this.version = version;
    this.kind = kind;
    this.specField = specField;
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

  /**
   * What to do when the object of this kind that a ManagedApp names does not exist: the adapters
   * that read and that change it say the same.
   */
  public String missingHint() {
    return "check that " + specField + " names an existing " + kind;
  }
}
