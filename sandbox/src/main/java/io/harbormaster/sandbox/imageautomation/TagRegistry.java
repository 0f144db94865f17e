package io.harbormaster.sandbox.imageautomation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container registries the sandbox's ImageRepositories scan, in memory: the sandbox has no
 * network, so a test says which tags an image has. {@link #publish} adds tags, {@link #withdraw}
 * removes one (a deleted tag); an ImageRepository sees either only at its next scan, as with a real
 * registry. Images are keyed by their canonical name, so {@code nginx} and {@code
 * docker.io/library/nginx} are one image. Safe to use from any thread.
 */
public final class TagRegistry {
  private final Map<String, Set<String>> tags = new ConcurrentHashMap<>();

  /**
   * Pushes {@code tags} of {@code image} (e.g. {@code ghcr.io/acme/web}); an image with a tag
   * pushed exists from then on, even once every tag is withdrawn.
   *
   * @throws IllegalArgumentException when {@code image} is not an image repository name
   */
  public void publish(String image, String... tags) {
    Set<String> known = this.tags.computeIfAbsent(key(image), name -> new LinkedHashSet<>());
    synchronized (known) {
      known.addAll(List.of(tags));
    }
  }

  /** Deletes {@code tag} of {@code image}; nothing happens when it has no such tag. */
  public void withdraw(String image, String tag) {
    Set<String> known = tags.get(key(image));
    if (known != null) {
      synchronized (known) {
        known.remove(tag);
      }
    }
  }

  /**
   * The tags of {@code image} now, in the order they were pushed; empty when nothing was ever
   * pushed to it (the registry does not know the repository).
   */
  public Optional<List<String>> tags(String image) {
    return Optional.ofNullable(tags.get(key(image)))
        .map(
            known -> {
              synchronized (known) {
                return List.copyOf(known);
              }
            });
  }

  private static String key(String image) {
    return ImageNames.parse(image).toString();
  }
}
