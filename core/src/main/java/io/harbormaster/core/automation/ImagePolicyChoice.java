package io.harbormaster.core.automation;

import io.harbormaster.core.model.ObjectRef;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Flux ImagePolicy ({@code image.toolkit.fluxcd.io/v1}) as far as it says which tag its
 * automations write: its semver range, when it picks by one, and the tag it picks now.
 */
@Value.Immutable
public abstract class ImagePolicyChoice {
  public abstract ObjectRef ref();

  /** {@code spec.policy.semver.range}; empty for an alphabetical or numerical policy. */
  public abstract Optional<String> semverRange();

  /** {@code status.latestRef.tag}: what its automations would write now, if it picked one. */
  public abstract Optional<String> latestTag();

  public static ImmutableImagePolicyChoice.Builder builder() {
    return ImmutableImagePolicyChoice.builder();
  }
}
