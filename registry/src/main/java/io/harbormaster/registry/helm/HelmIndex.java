package io.harbormaster.registry.helm;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the versions of one chart from a Helm repository's {@code index.yaml} ({@code apiVersion:
 * v1}, {@code entries: {<chart>: [{version, appVersion, urls, digest, created}, ...]}}) as a
 * stream: the other charts' entries are skipped, not built, and no alias is expanded, so an index
 * of tens of megabytes costs little more than its bytes.
 */
final class HelmIndex {
  private final YAMLFactory yaml;

  /** Reads indexes of up to {@code maxCodePoints} characters (SnakeYAML's default is 3 MB). */
  HelmIndex(int maxCodePoints) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(maxCodePoints);
    this.yaml = YAMLFactory.builder().loaderOptions(options).build();
  }

  /**
   * The versions listed for {@code chart}, in the index's order; empty when the index has no chart
   * of that name.
   *
   * @throws NotAnIndex when {@code index} is not YAML, or not a mapping with {@code entries}
   */
  Optional<List<String>> versions(byte[] index, String chart) throws NotAnIndex {
    try (JsonParser parser = yaml.createParser(index)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new NotAnIndex("index.yaml is not a Helm repository index: it holds no mapping");
      }
      boolean entries = false;
      Optional<List<String>> versions = Optional.empty();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!field.equals("entries")) {
          parser.skipChildren();
          continue;
        }
        entries = true;
        if (value == JsonToken.VALUE_NULL) {
          continue;
        }
        if (value != JsonToken.START_OBJECT) {
          throw new NotAnIndex("index.yaml is not a Helm repository index: entries is no mapping");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken list = parser.nextToken();
          if (name.equals(chart)) {
            versions = Optional.of(chartVersions(parser, list));
          } else {
            parser.skipChildren();
          }
        }
      }
      if (!entries) {
        throw new NotAnIndex("index.yaml is not a Helm repository index: it has no entries");
      }
      return versions;
    } catch (JsonProcessingException e) {
      throw new NotAnIndex("index.yaml is not valid YAML" + where(e.getLocation()));
    } catch (IOException e) {
      throw new NotAnIndex("index.yaml cannot be read: " + e.getClass().getSimpleName());
    }
  }

  /** The {@code version} of each entry of the list at {@code list}. */
  private static List<String> chartVersions(JsonParser parser, JsonToken list) throws IOException {
    List<String> versions = new ArrayList<>();
    if (list != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return versions;
    }
    for (JsonToken entry = parser.nextToken();
        entry != null && entry != JsonToken.END_ARRAY;
        entry = parser.nextToken()) {
      if (entry != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("version") && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
          versions.add(parser.getText());
        } else {
          parser.skipChildren();
        }
      }
    }
    return versions;
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " (line " + location.getLineNr() + ")";
  }
}
