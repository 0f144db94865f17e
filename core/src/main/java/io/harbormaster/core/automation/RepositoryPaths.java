package io.harbormaster.core.automation;

import java.util.ArrayDeque;
import java.util.Deque;

/** Paths inside a git repository, as image-automation-controller joins them to its checkout. */
final class RepositoryPaths {
  private RepositoryPaths() {}

  /**
   * {@code path} relative to the repository's root, without {@code .}, empty or trailing parts:
   * {@code ./apps/} is {@code apps}, the root is {@code ""}. A {@code ..} removes the part before
   * it and never climbs above the root, as the controller's secure join does.
   */
  static String normalize(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        parts.pollLast();
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /**
   * Whether the files under {@code folder} include {@code file}: every file when it is the root,
   * else the file itself or one below it ({@code apps} covers {@code apps/web/kustomization.yaml},
   * not {@code apps2/x.yaml}). Both are normalized first.
   */
  static boolean covers(String folder, String file) {
    String under = normalize(folder);
    String path = normalize(file);
    return under.isEmpty() || path.equals(under) || path.startsWith(under + "/");
  }
}
