package io.harbormaster.core.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How Flux deploys the app: through a Kustomization, or a HelmRelease together with the
 * Kustomization that applies it from git. The HelmRelease is then the app's own object (its release
 * holds the workloads) and the Kustomization its parent, which must be suspended too or it would
 * undo the HelmRelease's suspend; its {@code lastAppliedRevision} is also how Harbormaster sees a
 * commit reach the cluster, which a HelmRelease's own status cannot show.
 */
@Value.Immutable
public abstract class FluxSource {
  public abstract Optional<ObjectRef> kustomization();

  public abstract Optional<ObjectRef> helmRelease();

  public static ImmutableFluxSource.Builder builder() {
    return ImmutableFluxSource.builder();
  }

  /** The object whose status tells whether the app is deployed and Ready. */
  @Value.Derived
  public FluxRef primary() {
    return helmRelease()
        .map(FluxRef::helmRelease)
        .orElseGet(() -> FluxRef.kustomization(kustomization().orElseThrow()));
  }

  /** The Kustomization that applies the app's manifests from git. */
  public FluxRef applier() {
    return FluxRef.kustomization(kustomization().orElseThrow());
  }

  /** Every Flux object of the app, the parent first: suspend in this order, resume in reverse. */
  public List<FluxRef> objects() {
    return helmRelease().isPresent() ? List.of(applier(), primary()) : List.of(applier());
  }

  @Value.Check
  protected void check() {
    InvalidSpecException.require(
        kustomization().isPresent(),
        "spec.flux.kustomization",
        "is missing: name the Kustomization that applies the app from git (for a HelmRelease app, the one that applies the HelmRelease)");
  }
}
