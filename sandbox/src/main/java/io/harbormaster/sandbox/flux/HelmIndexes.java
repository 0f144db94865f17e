package io.harbormaster.sandbox.flux;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The index each HelmRepository last fetched, by {@code namespace/name}: source-controller's stored
 * artifact.
 */
final class HelmIndexes {
  private final Map<String, Map<String, Set<String>>> fetched = new ConcurrentHashMap<>();

  /** Stores a fetched index; whether it differs from the one before. */
  boolean store(String namespace, String name, Map<String, Set<String>> index) {
    return !index.equals(fetched.put(namespace + "/" + name, Map.copyOf(index)));
  }

  Optional<Map<String, Set<String>>> of(String namespace, String name) {
    return Optional.ofNullable(fetched.get(namespace + "/" + name));
  }
}
