package io.harbormaster.core.model;

/** The two kinds of operation Harbormaster runs on an app. */
public enum OperationKind {
  UPGRADE,
  ROLLBACK;

  /** Lower-case, as written in git trailers, labels and CLI output. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
