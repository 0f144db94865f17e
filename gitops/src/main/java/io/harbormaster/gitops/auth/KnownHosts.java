package io.harbormaster.gitops.auth;

import io.harbormaster.core.model.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;

/**
 * The known_hosts lines of an {@link SshKey}, parsed so a malformed line is refused up front and a
 * refused host key can be explained. JGit itself decides whether a server's key is trusted.
 */
final class KnownHosts {
  private final List<KnownHostEntry> entries;

  private KnownHosts(List<KnownHostEntry> entries) {
    this.entries = entries;
  }

  /** Blank lines and {@code #} comments are skipped, as ssh does. */
  static KnownHosts parse(String text) {
    List<KnownHostEntry> entries = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        entries.add(entry(line, i + 1));
      }
    }
    if (entries.isEmpty()) {
      throw new InvalidSpecException(
          "known_hosts",
          "holds no host key line, only comments: give the server's line "
              + "(ssh-keyscan <host>), so its identity is checked");
    }
    return new KnownHosts(entries);
  }

  /** Whether a line names the host, whatever key it gives. */
  boolean names(String host, int port) {
    return entries.stream().anyMatch(entry -> entry.isHostMatch(host, port));
  }

  private static KnownHostEntry entry(String line, int number) {
    KnownHostEntry entry;
    try {
      entry = KnownHostEntry.parseKnownHostEntry(line);
    } catch (IllegalArgumentException e) {
      entry = null;
    }
    if (entry == null || entry.getKeyEntry() == null) {
      throw new InvalidSpecException(
          "known_hosts",
          "line "
              + number
              + " is not '<host> <key type> <base64 key>' as ssh-keyscan prints it: fix or remove that line");
    }
    return entry;
  }
}
