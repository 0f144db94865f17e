package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Helm's storage encoding of a release ({@code helm/pkg/storage/driver/util.go}): the release JSON,
 * gzipped, then base64. A Secret's {@code data.release} holds that text, base64-encoded once more
 * as all Secret data is.
 */
final class HelmReleaseCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HelmReleaseCodec() {}

  /**
   * The value of {@code data.release} as sent to the API: base64 of Helm's base64 of gzip of the
   * JSON.
   */
  static String toSecretData(ObjectNode release) {
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      JSON.writeValue(gzip, release);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot gzip a Helm release", e);
    }
    byte[] helmText = Base64.getEncoder().encode(gzipped.toByteArray());
    return Base64.getEncoder().encodeToString(helmText);
  }

  /** The release JSON back from {@code data.release} as read through the API. */
  static ObjectNode fromSecretData(String data) {
    byte[] gzipped = Base64.getDecoder().decode(Base64.getDecoder().decode(data));
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a Helm release the simulation wrote", e);
    }
  }
}
