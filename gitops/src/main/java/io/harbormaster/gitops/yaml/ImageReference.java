package io.harbormaster.gitops.yaml;

import java.util.Optional;

/** The tag part of an image reference such as {@code ghcr.io:443/org/app:1.2.3}. */
final class ImageReference {
  private ImageReference() {}

  /** Empty when the reference has no tag or is pinned by digest, where a tag edit would mislead. */
  static Optional<String> tag(String image) {
    int colon = tagColon(image);
    return colon < 0 || image.contains("@")
        ? Optional.empty()
        : Optional.of(image.substring(colon + 1));
  }

  static String withTag(String image, String tag) {
    return image.substring(0, tagColon(image) + 1) + tag;
  }

  /** The colon after the last '/', so a registry port is not taken for a tag. */
  private static int tagColon(String image) {
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? colon : -1;
  }
}
