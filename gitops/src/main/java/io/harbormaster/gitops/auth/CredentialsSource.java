package io.harbormaster.gitops.auth;

import io.harbormaster.core.model.GitLocation;
import java.util.Optional;

/**
 * Supplies the credentials for a location, looked up on every operation so rotated secrets take
 * effect: the operator reads {@link GitLocation#credentialsSecret()}, the CLI an environment
 * variable or a file. Empty means anonymous access.
 */
@FunctionalInterface
public interface CredentialsSource {
  Optional<GitCredentials> credentialsFor(GitLocation location);

  static CredentialsSource anonymous() {
    return location -> Optional.empty();
  }
}
