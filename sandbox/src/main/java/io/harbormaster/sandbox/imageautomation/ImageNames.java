package io.harbormaster.sandbox.imageautomation;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Image repository names as image-reflector-controller reads {@code spec.image}: the canonical form
 * with the implied registry and {@code library/} spelled out ({@code nginx} is {@code
 * index.docker.io/library/nginx}), and the refusals it reports as {@code ImageURLInvalid}.
 */
final class ImageNames {
  static final String DOCKER_HUB = "index.docker.io";
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern REGISTRY = Pattern.compile("[a-zA-Z0-9.-]+(?::[0-9]+)?");

  private ImageNames() {}

  /** A parsed name: its registry host and the repository path on it. */
  record Canonical(String registry, String path) {
    @Override
    public String toString() {
      return registry + "/" + path;
    }
  }

  /**
   * The canonical name of {@code image}, or why it is refused (the message the controller reports).
   */
  static Canonical parse(String image) {
    String text = image == null ? "" : image.trim();
    int scheme = text.indexOf("://");
    if (scheme >= 0) {
      throw new IllegalArgumentException(
          ".spec.image value should not start with URL scheme; remove '"
              + text.substring(0, scheme)
              + "://'");
    }
    String registry = DOCKER_HUB;
    String path = text;
    int slash = text.indexOf('/');
    if (slash > 0) {
      String first = text.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first.equals("docker.io") ? DOCKER_HUB : first;
        path = text.substring(slash + 1);
      }
    }
    int lastSlash = path.lastIndexOf('/');
    int colon = path.indexOf(':', lastSlash + 1);
    if (colon >= 0 && !path.contains("@")) {
      String tag = path.substring(colon + 1);
      if (COMPONENT.matcher(path.substring(0, colon).replaceAll(".*/", "")).matches()
          && !tag.contains(":")) {
        throw new IllegalArgumentException(
            ".spec.image value should not contain a tag; remove ':" + tag + "'");
      }
    }
    if (!REGISTRY.matcher(registry).matches() || !validPath(path)) {
      throw new IllegalArgumentException("could not parse reference: " + image);
    }
    if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    return new Canonical(registry.toLowerCase(Locale.ROOT), path);
  }

  private static boolean validPath(String path) {
    if (path.isEmpty()) {
      return false;
    }
    for (String component : path.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        return false;
      }
    }
    return true;
  }
}
