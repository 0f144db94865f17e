package io.harbormaster.cli.progress;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.conditions.RequestConditions;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.crd.OperationStatus.PhaseRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Prints a request's timeline from its status: each phase when it ends (name, duration, what was
 * done), the phase under way when it changes, what it waits for as soon as that is known and again
 * when it changes (no wait is silent), the final line and a table of every phase.
 */
public final class RequestProgress {
  private static final String LINE = "  %-14s %8s  %s%n";

  private final PrintWriter out;
  private int printedPhases;
  private String announcedPhase;
  private String announcedBlock;
  private String announcedWait;

  public RequestProgress(PrintWriter out) {
    this.out = out;
  }

  /**
   * Prints what {@code status} adds to what was printed before: ended phases, then the phase under
   * way.
   */
  public void update(OperationStatus status) {
    if (status == null) {
      return;
    }
    Optional<String> blocked = condition(status, "Blocked").map(Condition::getMessage);
    if (status.phase() == null && blocked.isPresent() && !blocked.get().equals(announcedBlock)) {
      announcedBlock = blocked.get();
      out.printf(LINE, "Blocked", "", announcedBlock);
      out.flush();
    }
    if (status.history() == null) {
      return;
    }
    List<PhaseRecord> history = status.history();
    for (; printedPhases < history.size(); printedPhases++) {
      PhaseRecord record = history.get(printedPhases);
      out.printf(
          LINE,
          record.phase(),
          format(duration(record)),
          Objects.requireNonNullElse(record.summary(), ""));
    }
    if (!finished(status) && status.phase() != null && !status.phase().equals(announcedPhase)) {
      announcedPhase = status.phase();
      announcedWait = null;
      out.printf(LINE, status.phase(), "...", "under way");
    }
    if (!finished(status)
        && status.waitingFor() != null
        && !status.waitingFor().equals(announcedWait)) {
      announcedWait = status.waitingFor();
      out.printf(LINE, "", "", "waiting for: " + announcedWait);
    }
    out.flush();
  }

  /** The final line and the table of every phase. */
  public void summarize(OperationStatus status) {
    update(status);
    String refusal = condition(status, "Failed").map(Condition::getMessage).orElse("");
    out.printf(
        LINE,
        Objects.requireNonNullElse(status.phase(), "Refused"),
        "",
        Objects.requireNonNullElse(status.message(), refusal));
    out.println();
    List<PhaseRecord> history = Objects.requireNonNullElse(status.history(), List.of());
    if (!history.isEmpty()) {
      out.printf("  %-14s %-9s %s%n", "PHASE", "DURATION", "WHAT WAS DONE");
      for (PhaseRecord record : history) {
        out.printf(
            "  %-14s %-9s %s%n",
            record.phase(),
            format(duration(record)),
            Objects.requireNonNullElse(record.summary(), ""));
      }
      out.println();
    }
    out.flush();
  }

  /**
   * Watches {@code request} until it is Completed or Failed, printing with {@code progress} as it
   * moves; returns the last state seen, finished or not when {@code timeout} passed first.
   */
  public static <R extends CustomResource<?, OperationStatus>> R follow(
      Resource<R> request, RequestProgress progress, Duration timeout) throws InterruptedException {
    try (RequestWatch<R> watch = RequestWatch.open(request)) {
      Instant deadline = Instant.now().plus(timeout);
      R seen = watch.latest();
      while (true) {
        if (seen != null) {
          progress.update(seen.getStatus());
          if (finished(seen.getStatus())) {
            return seen;
          }
        }
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
          return seen;
        }
        R next = watch.next(left);
        seen = next == null ? seen : next;
      }
    }
  }

  /**
   * Completed or Failed, or refused before it started (a Failed condition and no phase: invalid
   * spec, no app).
   */
  public static boolean finished(OperationStatus status) {
    return status != null
        && ("Completed".equals(status.phase())
            || "Failed".equals(status.phase())
            || RequestConditions.refused(status));
  }

  private static Optional<Condition> condition(OperationStatus status, String type) {
    return Objects.requireNonNullElse(status.conditions(), List.<Condition>of()).stream()
        .filter(
            condition -> type.equals(condition.getType()) && "True".equals(condition.getStatus()))
        .findFirst();
  }

  private static Duration duration(PhaseRecord record) {
    if (record.startedAt() == null || record.endedAt() == null) {
      return Duration.ZERO;
    }
    return Duration.between(Instant.parse(record.startedAt()), Instant.parse(record.endedAt()));
  }

  /**
   * 850ms, 12.3s, 2m05s: sub-second phases are common on the sandbox and should not all read 0s.
   */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format("%.1fs", millis / 1000.0);
    }
    long seconds = duration.getSeconds();
    return String.format("%dm%02ds", seconds / 60, seconds % 60);
  }
}
