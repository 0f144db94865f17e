package io.harbormaster.core.model;

import org.immutables.value.Value;

/** One Flux object: a Kustomization or a HelmRelease. */
@Value.Immutable
public abstract class FluxRef {
  @Value.Parameter
  public abstract FluxKind kind();

  @Value.Parameter
  public abstract ObjectRef object();

  public static FluxRef kustomization(ObjectRef object) {
    return ImmutableFluxRef.of(FluxKind.KUSTOMIZATION, object);
  }

  public static FluxRef helmRelease(ObjectRef object) {
    return ImmutableFluxRef.of(FluxKind.HELM_RELEASE, object);
  }

  /** {@code Kustomization apps/podinfo}. */
  @Override
  public String toString() {
    return kind().kind() + " " + object();
  }
}
