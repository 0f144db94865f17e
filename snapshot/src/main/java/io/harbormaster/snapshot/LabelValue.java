package io.harbormaster.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fits an object name into a label value (at most 63 characters). Longer names keep their first 50
 * characters plus 12 hex characters of a SHA-256 of the whole; the exact name lives in an
 * annotation, which readers check after selecting by label.
 */
final class LabelValue {
  private static final int MAX_LENGTH = 63;
  private static final int KEPT_PREFIX = 50;

  private LabelValue() {}

  static String of(String name) {
    if (name.length() <= MAX_LENGTH) {
      return name;
    }
    return name.substring(0, KEPT_PREFIX) + "-" + HexFormat.of().formatHex(sha256(name), 0, 6);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
