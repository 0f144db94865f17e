package io.harbormaster.sandbox.flux;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where Helm keeps a HelmRelease's release, written from helm-controller's documentation and Helm's
 * Secret driver rather than taken from Harbormaster's reader, so a mistake in one shows in the
 * other: the release name is {@code spec.releaseName} or {@code [<targetNamespace>-]<name>}, and
 * one over 53 characters becomes its first 40 characters, a dash and the first 12 hex digits of its
 * SHA-256; each revision is a Secret {@code sh.helm.release.v1.<release>.v<revision>}.
 */
final class HelmStorageNames {
  private static final int LONGEST = 53;
  private static final int KEPT = 40;
  private static final int HASH_DIGITS = 12;
  private static final String SECRET_PREFIX = "sh.helm.release.v1.";

  private HelmStorageNames() {}

  static String releaseName(
      String name, Optional<String> targetNamespace, Optional<String> releaseName) {
    String composed =
        releaseName.orElseGet(
            () -> targetNamespace.map(namespace -> namespace + "-" + name).orElse(name));
    if (composed.length() <= LONGEST) {
      return composed;
    }
    return composed.substring(0, KEPT) + "-" + sha256(composed).substring(0, HASH_DIGITS);
  }

  static String secretName(String release, int revision) {
    return SECRET_PREFIX + release + ".v" + revision;
  }

  /** Whether {@code secretName} is one of {@code release}'s revisions. */
  static boolean isRevisionOf(String release, String secretName) {
    String prefix = SECRET_PREFIX + release + ".v";
    return secretName.startsWith(prefix)
        && secretName.substring(prefix.length()).matches("[1-9][0-9]*");
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
