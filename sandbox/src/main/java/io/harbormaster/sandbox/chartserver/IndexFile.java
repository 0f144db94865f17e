package io.harbormaster.sandbox.chartserver;

import com.google.common.hash.Hashing;
import io.harbormaster.core.version.SemanticVersion;
import io.harbormaster.sandbox.flux.chart.ChartCatalogue;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A repository's {@code index.yaml} as {@code helm repo index} writes it, built as text: {@code
 * apiVersion: v1}, {@code entries} by chart name in name order, each chart's versions newest first
 * (by semantic version, then by {@code created}), each entry's fields in the order Helm's writer
 * sorts them, and {@code generated}. A string is written plain unless YAML would read it as
 * something else (a number such as {@code 16.1}, a boolean, a time), then double-quoted, as Helm's
 * writer does.
 */
final class IndexFile {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:+@-]*");

  /** What YAML 1.1 or 1.2 would resolve to a number, a boolean, null or a sexagesimal. */
  private static final Pattern NOT_A_STRING =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
              + "|0[xXoObB][0-9a-fA-F_]+"
              + "|[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
              + "|(?i:y|n|yes|no|true|false|on|off|null|~|\\.inf|\\.nan)");

  /**
   * Newest first: the higher semantic version (a version that is not one sorts by its text), then
   * the later publication.
   */
  private static final Comparator<ChartCatalogue.Published> NEWEST_FIRST =
      Comparator.comparing(ChartCatalogue.Published::version, IndexFile::compareVersions)
          .thenComparing(ChartCatalogue.Published::created, Comparator.<Instant>naturalOrder())
          .reversed();

  private IndexFile() {}

  /**
   * The index of what {@code catalogue} has published now, each version's archive at {@code
   * <repositoryUrl>/<chart>-<version>.tgz}.
   */
  static String of(ChartCatalogue catalogue, String repositoryUrl) {
    Map<String, List<ChartCatalogue.Published>> byChart =
        catalogue.published().stream()
            .collect(
                Collectors.groupingBy(
                    ChartCatalogue.Published::chart, TreeMap::new, Collectors.toList()));
    StringBuilder index = new StringBuilder("apiVersion: v1\nentries:\n");
    if (byChart.isEmpty()) {
      index.setLength(index.length() - 1);
      index.append(" {}\n");
    }
    byChart.forEach(
        (chart, versions) -> {
          index.append("  ").append(scalar(chart)).append(":\n");
          versions.stream()
              .sorted(NEWEST_FIRST)
              .forEach(version -> entry(index, version, repositoryUrl));
        });
    index.append("generated: ").append(quoted(catalogue.lastChange().toString())).append('\n');
    return index.toString();
  }

  private static void entry(
      StringBuilder index, ChartCatalogue.Published version, String repositoryUrl) {
    String digest = Hashing.sha256().hashBytes(ChartArchive.of(version)).toString();
    index
        .append("  - apiVersion: v2\n")
        .append("    appVersion: ")
        .append(scalar(version.appVersion()))
        .append('\n')
        .append("    created: ")
        .append(quoted(version.created().toString()))
        .append('\n')
        .append("    digest: ")
        .append(scalar(digest))
        .append('\n')
        .append("    name: ")
        .append(scalar(version.chart()))
        .append('\n')
        .append("    type: application\n")
        .append("    urls:\n")
        .append("    - ")
        .append(
            scalar(repositoryUrl + "/" + ChartArchive.fileName(version.chart(), version.version())))
        .append('\n')
        .append("    version: ")
        .append(scalar(version.version()))
        .append('\n');
  }

  private static int compareVersions(String a, String b) {
    var first = SemanticVersion.parse(a);
    var second = SemanticVersion.parse(b);
    return first.isPresent() && second.isPresent()
        ? first.get().compareTo(second.get())
        : a.compareTo(b);
  }

  /** A string as a YAML scalar: plain when YAML reads it back as that string, else quoted. */
  static String scalar(String text) {
    boolean plain =
        PLAIN.matcher(text).matches()
            && !NOT_A_STRING.matcher(text).matches()
            && !text.endsWith(":")
            && !looksLikeATime(text);
    return plain ? text : quoted(text);
  }

  private static boolean looksLikeATime(String text) {
    return text.matches("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*");
  }

  /** A double-quoted YAML scalar. */
  static String quoted(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\x%02x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
