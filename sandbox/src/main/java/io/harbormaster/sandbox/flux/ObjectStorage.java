package io.harbormaster.sandbox.flux;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The S3-compatible object storage the sandbox's Buckets read: each bucket's objects by key, as
 * UTF-8 text. Whoever fills a bucket (a sync job, a person) replaces its contents at once.
 */
public final class ObjectStorage {
  private final Map<String, Map<String, String>> buckets = new ConcurrentHashMap<>();

  /** Makes {@code objects} the whole contents of bucket {@code name}, creating it if need be. */
  public void put(String name, Map<String, String> objects) {
    buckets.put(name, Map.copyOf(objects));
  }

  /** The bucket's objects; empty when there is no such bucket. */
  Optional<Map<String, String>> objects(String name) {
    return Optional.ofNullable(buckets.get(name));
  }
}
