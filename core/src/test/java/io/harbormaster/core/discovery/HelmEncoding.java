package io.harbormaster.core.discovery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/** Builds {@code data.release} the way it reaches us: API base64 of Helm base64 of gzip of JSON. */
final class HelmEncoding {
  private HelmEncoding() {}

  static String releaseData(String json) {
    return twiceBase64(gzip(json.getBytes(StandardCharsets.UTF_8)));
  }

  static String twiceBase64(byte[] bytes) {
    Base64.Encoder base64 = Base64.getEncoder();
    return base64.encodeToString(base64.encode(bytes));
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A gzip bomb that looks like the start of a release: {@code {"manifest":"} and then {@code size}
   * bytes of {@code a}, written in chunks so the test never holds them all.
   */
  static byte[] gzipBomb(long size) {
    return gzipBomb("{\"manifest\":\"", "a", size, "");
  }

  /**
   * Gzip of {@code head}, then {@code unit} repeated until {@code size} bytes, then {@code tail};
   * written in chunks so the test never holds the inflated text.
   */
  static byte[] gzipBomb(String head, String unit, long size, String tail) {
    byte[] unitBytes = unit.getBytes(StandardCharsets.UTF_8);
    byte[] chunk = new byte[(64 * 1024 / unitBytes.length) * unitBytes.length];
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = unitBytes[i % unitBytes.length];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(head.getBytes(StandardCharsets.UTF_8));
      for (long written = 0; written < size; written += chunk.length) {
        gzip.write(chunk, 0, (int) Math.min(chunk.length, size - written));
      }
      gzip.write(tail.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A release whose manifest is one ConfigMap holding a flow list of {@code items} one-letter
   * strings: two bytes of YAML an item, which gzip about 1000:1, and the largest tree per byte a
   * YAML reader builds.
   */
  static byte[] listBomb(String name, long items) {
    String head =
        "{\"name\":\""
            + name
            + "\",\"namespace\":\"db\",\"version\":1,\"info\":{\"status\":\"deployed\"},"
            + "\"chart\":{\"metadata\":{\"name\":\""
            + name
            + "\",\"version\":\"1.0.0\"}},"
            + "\"manifest\":\"apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: "
            + name
            + "\\ndata:\\n  items: [";
    return gzipBomb(head, "a,", 2 * items, "a]\\n\"}");
  }

  /** A release as Helm writes it, with the given manifest. */
  static String releaseJson(String manifest) {
    return "{\"name\":\"postgres\",\"namespace\":\"db\",\"version\":3,"
        + "\"info\":{\"status\":\"deployed\",\"description\":\"Upgrade complete\"},"
        + "\"chart\":{\"metadata\":{\"name\":\"postgresql\",\"version\":\"15.2.0\",\"appVersion\":\"16.2.0\"}},"
        + "\"config\":{\"auth\":{\"database\":\"app\"}},"
        + "\"manifest\":"
        + quote(manifest)
        + "}";
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
