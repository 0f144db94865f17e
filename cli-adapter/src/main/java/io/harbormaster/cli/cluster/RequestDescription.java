package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.client.CustomResource;
import io.harbormaster.api.crd.NamespacedName;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.cli.output.HumanDuration;
import io.harbormaster.cli.output.Table;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A request as {@code kubectl describe} would show it: one field a line, then its phase history.
 */
final class RequestDescription {
  private static final String FIELD = "%-12s %s%n";

  private RequestDescription() {}

  static void print(CustomResource<?, OperationStatus> request, PrintWriter out) {
    OperationStatus status =
        Objects.requireNonNullElse(
            request.getStatus(), OperationStatus.notStarted(null, null, null));
    field(
        out, "Name:", request.getMetadata().getNamespace() + "/" + request.getMetadata().getName());
    field(out, "Kind:", request.getKind());
    field(
        out,
        "Phase:",
        status.phase() == null ? "Pending (not started by an operator yet)" : status.phase());
    field(out, "Message:", status.message());
    field(out, "Waiting for:", status.waitingFor());
    field(out, "App:", name(status.app()));
    field(out, "Upgrade:", name(status.upgrade()));
    field(out, "Target:", status.target() == null ? null : status.target().version());
    lines(
        out,
        "Changes:",
        status.versionChanges(),
        change -> change.path() + ": " + change.from() + " -> " + change.to());
    field(out, "Commit:", status.commitId());
    field(out, "Reverts:", status.revertOf());
    field(out, "Last error:", status.lastError());
    lines(
        out,
        "Workloads:",
        status.workloads(),
        w -> w.kind() + " " + w.namespace() + "/" + w.name() + " (" + w.reason() + ")");
    lines(
        out,
        "Volumes:",
        status.volumes(),
        v -> v.namespace() + "/" + v.name() + " (" + v.reason() + ")");
    lines(
        out,
        "Snapshots:",
        status.snapshots(),
        s -> name(s.pvc()) + " -> VolumeSnapshot " + s.snapshot().name());
    List<OperationStatus.PhaseRecord> history =
        Objects.requireNonNullElse(status.history(), List.of());
    if (!history.isEmpty()) {
      out.println("History:");
      Table table = Table.of("phase", "started", "duration", "what was done");
      history.forEach(
          record ->
              table.row(record.phase(), startedAt(record), duration(record), record.summary()));
      table.print(out, "  ");
    }
    out.flush();
  }

  private static void field(PrintWriter out, String label, String value) {
    if (value != null && !value.isBlank()) {
      out.printf(FIELD, label, value);
    }
  }

  private static <T> void lines(
      PrintWriter out, String label, List<T> values, Function<T, String> text) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      out.printf(FIELD, i == 0 ? label : "", text.apply(values.get(i)));
    }
  }

  private static String name(NamespacedName name) {
    return name == null ? null : name.namespace() + "/" + name.name();
  }

  /** To the second, as kubectl prints times: phases are too short for their start to say more. */
  private static String startedAt(OperationStatus.PhaseRecord record) {
    return Instant.parse(record.startedAt()).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String duration(OperationStatus.PhaseRecord record) {
    return HumanDuration.format(
        Duration.between(Instant.parse(record.startedAt()), Instant.parse(record.endedAt())));
  }
}
