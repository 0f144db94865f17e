package io.harbormaster.core.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.google.common.io.ByteStreams;
import io.harbormaster.core.model.ObjectRef;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decodes a Helm release secret's {@code data.release} as read through the Kubernetes API: base64
 * (the API's encoding of Secret data) of base64 (Helm's) of gzip of the release JSON.
 *
 * <p>A release secret is whatever its namespace's users wrote, so decoding is bounded whatever it
 * holds. The JSON is inflated through a counting cap and read as a stream that keeps only the
 * fields discovery uses; the rest (the chart's templates and files, values, hooks: most of a
 * release) is skipped without being held. The manifest, the one large field kept, has a cap of its
 * own. A gzip bomb or an oversized release ends as a {@link DiscoveryException} naming the secret
 * and the limit, not as an OutOfMemoryError.
 */
public final class HelmReleaseDecoder {
  /**
   * The API server stores a Secret of at most 1 MiB, so Helm's gzip of a release is at most 768
   * KiB. The largest charts come near that with CRDs and dashboards, which gzip up to about 10:1;
   * this is twice that. Only the manifest is held, so this cap costs inflating time, not heap.
   */
  public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 16L * 1024 * 1024;

  /**
   * The manifest shares that Secret with the templates it was rendered from, so at ordinary
   * compression it stays well under this. It is what the heap holds: the worst manifests within the
   * caps were decoded and read, with {@link ManifestReader}, in a 56 MiB heap.
   */
  public static final int DEFAULT_MAX_MANIFEST_CHARS = 4 * 1024 * 1024;

  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  /** The fields kept, by path; every other field is skipped unread. */
  private static final Set<String> KEPT =
      Set.of(
          "name",
          "namespace",
          "version",
          "info.status",
          "chart.metadata.name",
          "chart.metadata.version",
          "chart.metadata.appVersion",
          "manifest");

  /** The objects on the way to a kept field. */
  private static final Set<String> ENTERED = Set.of("info", "chart", "chart.metadata");

  private static final String WHAT_TO_DO =
      "discovery reads the app's live workloads instead once the HelmRelease has a status.inventory,"
          + " which recent helm-controllers write";

  private final long maxDecompressedBytes;
  private final int maxManifestChars;
  private final JsonFactory json;

  public HelmReleaseDecoder() {
    this(DEFAULT_MAX_DECOMPRESSED_BYTES);
  }

  public HelmReleaseDecoder(long maxDecompressedBytes) {
    this(maxDecompressedBytes, DEFAULT_MAX_MANIFEST_CHARS);
  }

  HelmReleaseDecoder(long maxDecompressedBytes, int maxManifestChars) {
    if (maxDecompressedBytes <= 0) {
      throw new IllegalArgumentException(
          "maxDecompressedBytes must be positive, was " + maxDecompressedBytes);
    }
    if (maxManifestChars <= 0) {
      throw new IllegalArgumentException(
          "maxManifestChars must be positive, was " + maxManifestChars);
    }
    this.maxDecompressedBytes = maxDecompressedBytes;
    this.maxManifestChars = maxManifestChars;
    this.json =
        JsonFactory.builder()
            // Only kept fields are buffered as strings, and the manifest is the longest of them.
            .streamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(maxManifestChars).build())
            // The stream is read on after the JSON to check the gzip trailer; we close it
            // ourselves.
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();
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
    byte[] helmEncoded =
        base64(
            releaseData.getBytes(StandardCharsets.US_ASCII), source, "the API's base64 encoding");
    byte[] gzipped =
        base64(
            helmEncoded,
            source,
            "Helm's base64 encoding inside the API's (was it decoded once already?)");
    if (gzipped.length < 2
        || (gzipped[0] & 0xff) != GZIP_MAGIC_1
        || (gzipped[1] & 0xff) != GZIP_MAGIC_2) {
      throw new DiscoveryException(
          source + " is not gzip-compressed inside its two base64 layers, as Helm writes releases");
    }
    return toRelease(inflate(gzipped, source), source);
  }

  private static byte[] base64(byte[] text, String source, String layer) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new DiscoveryException(
          source + " is not valid base64 at " + layer + ": " + e.getMessage(), e);
    }
  }

  private Fields inflate(byte[] gzipped, String source) {
    try (InputStream in =
            new CappedInputStream(
                new GZIPInputStream(new ByteArrayInputStream(gzipped)), maxDecompressedBytes);
        JsonParser parser = json.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new DiscoveryException(source + " is not a JSON object, so not a Helm release");
      }
      Fields fields = new Fields();
      readObject(parser, "", fields, source);
      // Read to the end so gzip checks its trailer: a cut-off stream must not pass as a release.
      ByteStreams.exhaust(in);
      return fields;
    } catch (CapExceeded e) {
      throw new DiscoveryException(
          source
              + " inflates to more than "
              + maxDecompressedBytes
              + " bytes, the most discovery reads of a Helm release:"
              + " it is refused as a possible gzip bomb; "
              + WHAT_TO_DO,
          e);
    } catch (EOFException e) {
      throw new DiscoveryException(source + " is truncated: its gzip stream ends early", e);
    } catch (ZipException e) {
      throw new DiscoveryException(source + " is corrupt gzip: " + e.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new DiscoveryException(
          source + " is not a JSON Helm release: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new DiscoveryException(source + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the fields of the object the parser has just entered, descending only towards kept
   * fields.
   */
  private void readObject(JsonParser parser, String prefix, Fields fields, String source)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String path = prefix + parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT && ENTERED.contains(path)) {
        readObject(parser, path + ".", fields, source);
      } else if (KEPT.contains(path) && value.isScalarValue()) {
        keep(parser, path, value, fields, source);
      } else {
        parser.skipChildren();
      }
    }
  }

  private void keep(JsonParser parser, String path, JsonToken value, Fields fields, String source)
      throws IOException {
    if (path.equals("version")) {
      boolean isInt =
          value == JsonToken.VALUE_NUMBER_INT
              && parser.getNumberType() == JsonParser.NumberType.INT;
      fields.version = isInt ? parser.getIntValue() : null;
      return;
    }
    if (value != JsonToken.VALUE_STRING) {
      fields.texts.remove(path);
      return;
    }
    try {
      fields.texts.put(path, parser.getText());
    } catch (StreamConstraintsException e) {
      throw new DiscoveryException(
          source
              + ": field '"
              + path
              + "' is longer than "
              + maxManifestChars
              + " characters, the most discovery reads of a"
              + " Helm release; "
              + WHAT_TO_DO,
          e);
    }
  }

  private static HelmRelease toRelease(Fields fields, String source) {
    if (fields.version == null || fields.version < 1) {
      throw new DiscoveryException(
          source + ": field 'version' is missing or not a positive revision number");
    }
    return HelmRelease.builder()
        .name(fields.text(source, "name"))
        .namespace(fields.text(source, "namespace"))
        .version(fields.version)
        .status(fields.text(source, "info.status"))
        .chartName(fields.text(source, "chart.metadata.name"))
        .chartVersion(fields.text(source, "chart.metadata.version"))
        .appVersion(fields.optionalText("chart.metadata.appVersion"))
        // Helm omits an empty manifest (omitempty): a chart that renders nothing.
        .manifest(fields.optionalText("manifest").orElse(""))
        .build();
  }

  /** The kept fields as read: non-empty strings, and the revision when it is an int. */
  private static final class Fields {
    private final Map<String, String> texts = new HashMap<>();
    private Integer version;

    String text(String source, String path) {
      return optionalText(path)
          .orElseThrow(
              () ->
                  new DiscoveryException(
                      source
                          + ": field '"
                          + path
                          + "' is missing or empty, so it is not a Helm release"));
    }

    Optional<String> optionalText(String path) {
      return Optional.ofNullable(texts.get(path)).filter(text -> !text.isEmpty());
    }
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
