package io.harbormaster.core.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Flux sources a Kustomization applies from ({@code spec.sourceRef.kind}) or a HelmRelease
 * takes its chart from (a HelmRepository, and the HelmChart helm-controller makes of it), served by
 * source-controller: it fetches each on its interval, or at once when asked.
 */
public enum SourceKind {
  GIT_REPOSITORY("GitRepository", "gitrepositories", true),
  OCI_REPOSITORY("OCIRepository", "ocirepositories", false),
  BUCKET("Bucket", "buckets", false),
  HELM_REPOSITORY("HelmRepository", "helmrepositories", false),
  HELM_CHART("HelmChart", "helmcharts", false);

  private static final String GROUP = "source.toolkit.fluxcd.io";
  private static final String VERSION = "v1";

  private final String kind;
  private final String plural;
  private final boolean git;

  SourceKind(String kind, String plural, boolean git) {
    this.kind = kind;
    this.plural = plural;
    this.git = git;
  }

  public String group() {
    return GROUP;
  }

  public String version() {
    return VERSION;
  }

  /**
   * The resource name in API paths, e.g. {@code gitrepositories}: a source whose CRD is missing is
   * then a 404, not an error.
   */
  public String plural() {
    return plural;
  }

  public String apiVersion() {
    return GROUP + "/" + VERSION;
  }

  /** The Kubernetes kind, e.g. {@code GitRepository}. */
  public String kind() {
    return kind;
  }

  /**
   * Whether its revision names a git commit; an OCI artifact's or a bucket's names a digest, and
   * only {@code lastAppliedOriginRevision} tells the commit it was built from.
   */
  public boolean revisionIsCommit() {
    return git;
  }

  public static Optional<SourceKind> of(String kind) {
    return Arrays.stream(values()).filter(source -> source.kind.equals(kind)).findFirst();
  }
}
