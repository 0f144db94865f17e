package io.harbormaster.sandbox.imageautomation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * image-reflector-controller's tag store: the tags each ImageRepository's last scan found, by
 * canonical image name, which ImagePolicies read. A tag published since the last scan is not here.
 */
final class TagDatabase {
  private final Map<String, List<String>> tags = new ConcurrentHashMap<>();

  void set(String canonicalName, List<String> scanned) {
    tags.put(canonicalName, List.copyOf(scanned));
  }

  /** The tags last stored for the image, newest scan; empty when it was never scanned. */
  List<String> tags(String canonicalName) {
    return tags.getOrDefault(canonicalName, List.of());
  }
}
