package io.harbormaster.core.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.io.ByteStreams;
import io.harbormaster.core.model.ObjectRef;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decodes a Helm release secret's {@code data.release} as read through the Kubernetes API: base64 (the
 * API's encoding of Secret data) of base64 (Helm's) of gzip of the release JSON.
 *
 * <p>The JSON is inflated through a counting cap, so a gzip bomb ends as a {@link DiscoveryException}
 * after {@code maxDecompressedBytes} bytes instead of filling the heap.
 */
public final class HelmReleaseDecoder {
  public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 64L * 1024 * 1024;

  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private final long maxDecompressedBytes;
  private final ObjectMapper json;

  public HelmReleaseDecoder() {
    this(DEFAULT_MAX_DECOMPRESSED_BYTES);
  }

  public HelmReleaseDecoder(long maxDecompressedBytes) {
    if (maxDecompressedBytes <= 0) {
      throw new IllegalArgumentException("maxDecompressedBytes must be positive, was " + maxDecompressedBytes);
    }
    this.maxDecompressedBytes = maxDecompressedBytes;
    // Jackson's default 20M-character string limit would refuse a big manifest below our own cap.
    int maxString = (int) Math.min(Integer.MAX_VALUE, maxDecompressedBytes);
    this.json =
        new ObjectMapper(
            JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxString).build())
                // The stream is read on after the JSON to check the gzip trailer; we close it ourselves.
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .build());
  }

  /** Decodes release data whose secret is unknown. */
  public HelmRelease decode(String releaseData) {
    return decode(releaseData, "Helm release data");
  }

  /** Decodes {@code data.release} of this secret; errors name it. */
  public HelmRelease decode(ObjectRef secret, String releaseData) {
    return decode(releaseData, "data.release of Secret " + secret);
  }

  private HelmRelease decode(String releaseData, String source) {
    if (releaseData == null || releaseData.isEmpty()) {
      throw new DiscoveryException(source + " is empty: it is not a Helm release");
    }
    byte[] helmEncoded = base64(releaseData.getBytes(StandardCharsets.US_ASCII), source, "the API's base64 encoding");
    byte[] gzipped = base64(helmEncoded, source, "Helm's base64 encoding inside the API's (was it decoded once already?)");
    if (gzipped.length < 2 || (gzipped[0] & 0xff) != GZIP_MAGIC_1 || (gzipped[1] & 0xff) != GZIP_MAGIC_2) {
      throw new DiscoveryException(source + " is not gzip-compressed inside its two base64 layers, as Helm writes releases");
    }
    return toRelease(inflate(gzipped, source), source);
  }

  private static byte[] base64(byte[] text, String source, String layer) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new DiscoveryException(source + " is not valid base64 at " + layer + ": " + e.getMessage(), e);
    }
  }

  private JsonNode inflate(byte[] gzipped, String source) {
    try (InputStream in = new CappedInputStream(new GZIPInputStream(new ByteArrayInputStream(gzipped)), maxDecompressedBytes)) {
      JsonNode tree = json.readTree(in);
      // Read to the end so gzip checks its trailer: a cut-off stream must not pass as a release.
      ByteStreams.exhaust(in);
      return tree;
    } catch (CapExceeded e) {
      throw new DiscoveryException(
          source + " inflates to more than " + maxDecompressedBytes + " bytes, the decoder's cap: refusing it as a possible gzip bomb"
              + " (raise the cap if the release is really that large)",
          e);
    } catch (EOFException e) {
      throw new DiscoveryException(source + " is truncated: its gzip stream ends early", e);
    } catch (ZipException e) {
      throw new DiscoveryException(source + " is corrupt gzip: " + e.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new DiscoveryException(source + " is not a JSON Helm release: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new DiscoveryException(source + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static HelmRelease toRelease(JsonNode release, String source) {
    if (release == null || !release.isObject()) {
      throw new DiscoveryException(source + " is not a JSON object, so not a Helm release");
    }
    JsonNode version = release.path("version");
    if (!version.canConvertToInt() || version.asInt() < 1) {
      throw new DiscoveryException(source + ": field 'version' is missing or not a positive revision number");
    }
    return HelmRelease.builder()
        .name(text(release, source, "name"))
        .namespace(text(release, source, "namespace"))
        .version(version.asInt())
        .status(text(release, source, "info", "status"))
        .chartName(text(release, source, "chart", "metadata", "name"))
        .chartVersion(text(release, source, "chart", "metadata", "version"))
        .appVersion(optionalText(release, "chart", "metadata", "appVersion"))
        // Helm omits an empty manifest (omitempty): a chart that renders nothing.
        .manifest(optionalText(release, "manifest").orElse(""))
        .build();
  }

  private static String text(JsonNode root, String source, String... path) {
    return optionalText(root, path)
        .orElseThrow(
            () -> new DiscoveryException(source + ": field '" + String.join(".", path) + "' is missing or empty, so it is not a Helm release"));
  }

  private static Optional<String> optionalText(JsonNode root, String... path) {
    JsonNode node = root;
    for (String field : path) {
      node = node.path(field);
    }
    return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
  }

  /** Signals the cap from inside the stream, so Jackson passes it up unchanged. */
  private static final class CapExceeded extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** Counts bytes read and fails once more than the cap have come through. */
  private static final class CappedInputStream extends FilterInputStream {
    private final long cap;
    private long count;

    CappedInputStream(InputStream in, long cap) {
      super(in);
      this.cap = cap;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count(skipped);
      return skipped;
    }

    private void count(long n) throws CapExceeded {
      count += n;
      if (count > cap) {
        throw new CapExceeded();
      }
    }
  }
}
