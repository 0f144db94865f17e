package io.harbormaster.core.redaction;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The secret texts this process loaded, as the pieces {@link Redaction} masks: each text, each long
 * enough line of it (a message may quote one line of a private key) and its Base64 (how a Secret's
 * data reads). Bounded, oldest forgotten first: a rotated token stops mattering once nothing uses
 * it.
 */
final class KnownSecrets {
  static final int MIN_LENGTH = 8;
  private static final int MAX_FRAGMENTS = 512;

  /** In the order last seen, oldest first. */
  private final Set<String> fragments = new LinkedHashSet<>();

  private volatile List<String> snapshot = List.of();

  synchronized void add(Collection<String> secrets) {
    for (String secret : secrets) {
      if (secret == null || secret.strip().length() < MIN_LENGTH) {
        continue;
      }
      keep(secret);
      keep(secret.strip());
      keep(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
      secret
          .lines()
          .map(String::strip)
          .filter(line -> line.length() >= MIN_LENGTH)
          .forEach(this::keep);
    }
    Iterator<String> oldestFirst = fragments.iterator();
    for (int excess = fragments.size() - MAX_FRAGMENTS; excess > 0; excess--) {
      oldestFirst.next();
      oldestFirst.remove();
    }
    snapshot =
        fragments.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /**
   * Longest first, so a whole key is masked before one of its lines. Read on every redaction, so
   * lock-free: a copy replaced on each change.
   */
  List<String> fragments() {
    return snapshot;
  }

  private void keep(String fragment) {
    // Seen again: now the newest, so the last to be forgotten.
    fragments.remove(fragment);
    fragments.add(fragment);
  }
}
