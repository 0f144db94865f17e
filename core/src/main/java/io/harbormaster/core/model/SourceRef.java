package io.harbormaster.core.model;

import org.immutables.value.Value;

/** The source a Kustomization applies from: a GitRepository, OCIRepository or Bucket. */
@Value.Immutable
public abstract class SourceRef {
  @Value.Parameter
  public abstract SourceKind kind();

  @Value.Parameter
  public abstract ObjectRef object();

  public static SourceRef of(SourceKind kind, ObjectRef object) {
    return ImmutableSourceRef.of(kind, object);
  }

  /** {@code GitRepository flux-system/fleet}. */
  @Override
  public String toString() {
    return kind().kind() + " " + object();
  }
}
