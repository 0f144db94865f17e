package io.harbormaster.core.discovery;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** How Flux's helm-controller names a HelmRelease's Helm release and where Helm stores it. */
public final class HelmReleaseNames {
  /** Helm refuses longer release names. */
  static final int MAX_RELEASE_NAME = 53;

  private static final int SHORT_HASH = 12;
  private static final String SECRET_PREFIX = "sh.helm.release.v1.";

  private HelmReleaseNames() {}

  /**
   * {@code spec.releaseName}, else {@code [<targetNamespace>-]<name>}; a name over 53 characters
   * becomes its first 40 characters, {@code -}, and the first 12 hex digits of the SHA-256 of the
   * whole name (helm-controller's {@code release.ShortenName}, applied to every release name).
   */
  public static String releaseName(
      String helmReleaseName, Optional<String> targetNamespace, Optional<String> releaseName) {
    String full =
        releaseName
            .filter(name -> !name.isEmpty())
            .orElseGet(
                () ->
                    targetNamespace
                        .filter(ns -> !ns.isEmpty())
                        .map(ns -> ns + "-" + helmReleaseName)
                        .orElse(helmReleaseName));
    return shorten(full);
  }

  static String shorten(String name) {
    if (name.length() <= MAX_RELEASE_NAME) {
      return name;
    }
    String hash = Hashing.sha256().hashString(name, StandardCharsets.UTF_8).toString();
    return name.substring(0, MAX_RELEASE_NAME - SHORT_HASH - 1)
        + "-"
        + hash.substring(0, SHORT_HASH);
  }

  /** {@code spec.storageNamespace}, else the HelmRelease's own namespace. */
  public static String storageNamespace(
      String helmReleaseNamespace, Optional<String> storageNamespace) {
    return storageNamespace.filter(ns -> !ns.isEmpty()).orElse(helmReleaseNamespace);
  }

  /** {@code sh.helm.release.v1.<release>.v<revision>}. */
  public static String secretName(String release, int revision) {
    return SECRET_PREFIX + release + ".v" + revision;
  }

  /** The revision a release secret's name ends with, if it is one of this release's secrets. */
  public static Optional<Integer> revisionOf(String release, String secretName) {
    String prefix = SECRET_PREFIX + release + ".v";
    if (!secretName.startsWith(prefix)) {
      return Optional.empty();
    }
    String digits = secretName.substring(prefix.length());
    return digits.matches("[1-9]\\d{0,8}")
        ? Optional.of(Integer.parseInt(digits))
        : Optional.empty();
  }
}
