package io.harbormaster.core.automation;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RepositoryUrl;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Flux ImageUpdateAutomation ({@code image.toolkit.fluxcd.io/v1}) as far as it says where it
 * writes: the repository of its {@code spec.sourceRef} GitRepository, the branch it pushes to and
 * the folder whose files it rewrites. Its {@code spec.policySelector} is not read: an automation
 * whose selector leaves the app's ImagePolicy out is taken for one that may use it.
 */
@Value.Immutable
public abstract class ImageAutomation {
  /** The ImageUpdateAutomation. */
  public abstract ObjectRef ref();

  /** Its {@code spec.sourceRef}: the GitRepository it clones and pushes to. */
  public abstract ObjectRef source();

  /** Where the GitRepository's {@code spec.url} leads, without its user-info. */
  public abstract RepositoryUrl repository();

  /** {@code spec.git.push.branch}. */
  public abstract Optional<String> pushBranch();

  /** {@code spec.git.checkout.ref.branch}. */
  public abstract Optional<String> checkoutBranch();

  /** The GitRepository's {@code spec.ref.branch}. */
  public abstract Optional<String> sourceBranch();

  /** {@code spec.update.path} as written; the repository's root when it is not set. */
  @Value.Default
  public String updatePath() {
    return ".";
  }

  /** {@code spec.suspend}: it does nothing until resumed, and then writes as before. */
  @Value.Default
  public boolean suspended() {
    return false;
  }

  public static ImmutableImageAutomation.Builder builder() {
    return ImmutableImageAutomation.builder();
  }

  /**
   * The branch it pushes to: {@code spec.git.push.branch}, else the branch it checks out ({@code
   * spec.git.checkout.ref.branch}, else the GitRepository's). Empty when none is given: the
   * controller then refuses to run it, and it pushes nowhere.
   */
  public Optional<String> branch() {
    return pushBranch().or(this::checkoutBranch).or(this::sourceBranch);
  }

  /**
   * Whether it writes {@code file}'s file: it pushes to the same repository (however either URL is
   * written) and branch, its update path covers the file, and, when the app names the ImagePolicy
   * whose setter marker holds the version ({@code <namespace>:<name>}), it lives in the policy's
   * namespace: the controller rewrites a marker only with a policy of its own namespace.
   */
  public boolean writes(GitLocation file) {
    return branch().filter(file.branch()::equals).isPresent()
        && repository().sameRepositoryAs(file.url())
        && RepositoryPaths.covers(updatePath(), file.filePath())
        && file.imagePolicy()
            .map(policy -> policy.startsWith(ref().namespace() + ":"))
            .orElse(true);
  }
}
