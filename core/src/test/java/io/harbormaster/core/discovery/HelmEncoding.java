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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[1024 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'a');
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write("{\"manifest\":\"".getBytes(StandardCharsets.UTF_8));
      for (long written = 0; written < size; written += chunk.length) {
        gzip.write(chunk);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A release as Helm writes it, with the given manifest. */
  static String releaseJson(String manifest) {
    return "{\"name\":\"postgres\",\"namespace\":\"db\",\"version\":3,"
        + "\"info\":{\"status\":\"deployed\",\"description\":\"Upgrade complete\"},"
        + "\"chart\":{\"metadata\":{\"name\":\"postgresql\",\"version\":\"15.2.0\",\"appVersion\":\"16.2.0\"}},"
        + "\"config\":{\"auth\":{\"database\":\"app\"}},"
        + "\"manifest\":" + quote(manifest) + "}";
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
