package io.harbormaster.core.automation;

import io.harbormaster.core.model.ObjectRef;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Flux ImagePolicy ({@code image.toolkit.fluxcd.io/v1}) as far as it says which tag its
 * automations write: its semver range, when it picks by one, the tag it picks now, whether it has
 * picked since its spec last changed, and the Kustomization that applies it, if one does.
 */
@Value.Immutable
public abstract class ImagePolicyChoice {
  public abstract ObjectRef ref();

  /** {@code spec.policy.semver.range}; empty for an alphabetical or numerical policy. */
  public abstract Optional<String> semverRange();

  /** {@code status.latestRef.tag}: what its automations would write now, if it picked one. */
  public abstract Optional<String> latestTag();

  /**
   * Whether image-reflector-controller has picked since the spec last changed ({@code
   * status.observedGeneration} at {@code metadata.generation}).
   */
  @Value.Default
  public boolean settled() {
    return true;
  }

  /**
   * The Flux Kustomization that applies it ({@code kustomize.toolkit.fluxcd.io/namespace/name}
   * labels): its range lives in git, and a change made in the cluster is put back.
   */
  public abstract Optional<ObjectRef> appliedBy();

  public static ImmutableImagePolicyChoice.Builder builder() {
    return ImmutableImagePolicyChoice.builder();
  }
}
