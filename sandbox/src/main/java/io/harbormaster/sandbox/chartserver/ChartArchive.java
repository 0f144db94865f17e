package io.harbormaster.sandbox.chartserver;

import io.harbormaster.sandbox.flux.chart.ChartCatalogue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A chart version's archive as {@code helm package} lays it out ({@code <chart>/Chart.yaml} in a
 * gzipped tarball), with a fixed modification time so that one version always has the same bytes
 * and so the same digest. It holds the chart's metadata only: the sandbox's charts are Java.
 */
final class ChartArchive {
  private ChartArchive() {}

  /** {@code <chart>-<version>.tgz}, the file name {@code helm package} gives it. */
  static String fileName(String chart, String version) {
    return chart + "-" + version + ".tgz";
  }

  static byte[] of(ChartCatalogue.Published version) {
    byte[] chartYaml =
        ("apiVersion: v2\n"
                + "name: "
                + IndexFile.scalar(version.chart())
                + "\n"
                + "version: "
                + IndexFile.scalar(version.version())
                + "\n"
                + "appVersion: "
                + IndexFile.scalar(version.appVersion())
                + "\n"
                + "description: a chart of the Harbormaster sandbox (rendered by its simulated"
                + " helm-controller)\n"
                + "type: application\n")
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GZIPOutputStream(bytes), StandardCharsets.UTF_8.name())) {
      TarArchiveEntry entry = new TarArchiveEntry(version.chart() + "/Chart.yaml");
      entry.setSize(chartYaml.length);
      entry.setModTime(new Date(0));
      tar.putArchiveEntry(entry);
      tar.write(chartYaml);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack chart " + version.chart(), e);
    }
    return bytes.toByteArray();
  }
}
