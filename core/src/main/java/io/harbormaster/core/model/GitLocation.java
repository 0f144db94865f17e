package io.harbormaster.core.model;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where the app's version lives in git: a YAML file on a branch of a repository, and the path
 * inside it. The path is dotted with {@code [key=value]} list selectors, e.g. {@code
 * spec.chart.spec.version} or {@code images[name=postgres].newTag}.
 */
@Value.Immutable
public abstract class GitLocation {
  public abstract String repository();

  @Value.Default
  public String branch() {
    return "main";
  }

  public abstract String filePath();

  /** Where {@link TargetVersion#version()} is written. */
  public abstract String versionPath();

  /**
   * Where each image's tag of {@link TargetVersion#imageTags()} is written, by image name. An image
   * not listed here is written at {@code images[name=<image>].newTag}, a Kustomization's images
   * list.
   */
  public abstract Map<String, String> imageTagPaths();

  /**
   * A Flux ImagePolicy ({@code <namespace>:<name>}) whose setter marker names the value to edit.
   */
  public abstract Optional<String> imagePolicy();

  /**
   * The Secret (in the app's namespace) holding the token or SSH key used to push. Sent only over
   * https:// or ssh://, and only to the hosts the Secret's owner allows (see the operator's {@code
   * harbormaster.io/allowed-hosts}).
   */
  public abstract Optional<String> credentialsSecret();

  public static ImmutableGitLocation.Builder builder() {
    return ImmutableGitLocation.builder();
  }

  /** Where {@link #repository()} leads: scheme, host and port, without its user-info. */
  public RepositoryUrl url() {
    return RepositoryUrl.parse(repository());
  }

  public String imageTagPath(String image) {
    return imageTagPaths().getOrDefault(image, "images[name=" + image + "].newTag");
  }

  @Value.Check
  protected void check() {
    InvalidSpecException.require(
        !repository().isBlank(), "spec.git.repository", "is empty: give the clone URL");
    RepositoryUrl url = url();
    // A token in the URL would reach every status, event and log line that names the repository.
    url.requireNoSecret();
    if (credentialsSecret().isPresent()) {
      url.requireEncryptedFor("the credentials of spec.git.credentialsSecret");
    }
    InvalidSpecException.require(
        !branch().isBlank(), "spec.git.branch", "is empty: give a branch name such as main");
    InvalidSpecException.require(
        !filePath().isBlank() && !filePath().startsWith("/") && !filePath().contains(".."),
        "spec.git.filePath",
        "'" + filePath() + "' must be a path relative to the repository root, without '..'");
    InvalidSpecException.require(
        !versionPath().isBlank(),
        "spec.git.versionPath",
        "is empty: give a path such as spec.chart.spec.version");
  }
}
