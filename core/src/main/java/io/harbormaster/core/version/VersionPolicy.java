package io.harbormaster.core.version;

import io.harbormaster.core.model.AutoUpdate;
import java.util.Collection;
import java.util.Optional;

/**
 * Which newer versions an automatic upgrade may take. Only semver versions move automatically;
 * pre-releases never do (a person names those as an explicit target); {@link AutoUpdate} caps the
 * largest part allowed to change.
 */
public final class VersionPolicy {
  private VersionPolicy() {}

  public static boolean allows(AutoUpdate policy, String current, String candidate) {
    Optional<SemanticVersion> from = SemanticVersion.parse(current);
    Optional<SemanticVersion> to = SemanticVersion.parse(candidate);
    if (from.isEmpty()
        || to.isEmpty()
        || to.get().isPreRelease()
        || to.get().compareTo(from.get()) <= 0) {
      return false;
    }
    switch (policy) {
      case MAJOR:
        return true;
      case MINOR:
        return to.get().major() == from.get().major();
      case PATCH:
        return to.get().major() == from.get().major() && to.get().minor() == from.get().minor();
      default:
        return false;
    }
  }

  /** The newest candidate the policy allows, as the source spelled it. */
  public static Optional<String> newestAllowed(
      AutoUpdate policy, String current, Collection<String> candidates) {
    return candidates.stream()
        .filter(candidate -> allows(policy, current, candidate))
        .flatMap(candidate -> SemanticVersion.parse(candidate).stream())
        .max(SemanticVersion::compareTo)
        .map(SemanticVersion::toString);
  }
}
