package io.harbormaster.core.discovery;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * What Helm stored about one revision of a release, read from its {@code sh.helm.release.v1.*}
 * secret.
 */
@Value.Immutable
public abstract class HelmRelease {
  public abstract String name();

  /** The namespace the release installs into (objects without one land here). */
  public abstract String namespace();

  /** The release revision, the {@code v<n>} of the secret's name. */
  public abstract int version();

  /** {@code info.status}: deployed, superseded, failed, pending-upgrade, ... */
  public abstract String status();

  public abstract String chartName();

  public abstract String chartVersion();

  /** Charts may leave {@code appVersion} out, and Helm then omits it. */
  public abstract Optional<String> appVersion();

  /** The rendered objects as Helm applied them: one multi-document YAML string. */
  public abstract String manifest();

  public static ImmutableHelmRelease.Builder builder() {
    return ImmutableHelmRelease.builder();
  }

  /** {@code postgres v3 (postgresql 15.2.0)}. */
  @Override
  public String toString() {
    return name() + " v" + version() + " (" + chartName() + " " + chartVersion() + ")";
  }
}
