package io.harbormaster.core.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Flux sources a Kustomization applies from ({@code spec.sourceRef.kind}) or a HelmRelease
 * takes its chart from (a HelmRepository, and the HelmChart helm-controller makes of it), served by
 * source-controller: it fetches each on its interval, or at once when asked.
 */
public enum SourceKind {
  GIT_REPOSITORY("GitRepository", "gitrepositories", true, true),
  OCI_REPOSITORY("OCIRepository", "ocirepositories", false, true),
  BUCKET("Bucket", "buckets", false, false),
  HELM_REPOSITORY("HelmRepository", "helmrepositories", false, false),
  HELM_CHART("HelmChart", "helmcharts", false, false);

  private static final String GROUP = "source.toolkit.fluxcd.io";
  private static final String VERSION = "v1";

  private final String kind;
  private final String plural;
  private final boolean git;
  private final boolean tellsCommit;

  SourceKind(String kind, String plural, boolean git, boolean tellsCommit) {
    this.kind = kind;
    this.plural = plural;
    this.git = git;
    this.tellsCommit = tellsCommit;
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

  /**
   * Whether a Kustomization applying from it can tell which git commit it applied: from a
   * GitRepository's revision, or an OCI artifact's origin revision (recorded by {@code flux push
   * artifact --revision}). A Bucket's artifact never can: its revision digests the bucket's
   * contents and it carries no metadata.
   */
  public boolean tellsCommit() {
    return tellsCommit;
  }

  public static Optional<SourceKind> of(String kind) {
    return Arrays.stream(values()).filter(source -> source.kind.equals(kind)).findFirst();
  }
}
