package io.harbormaster.api.conditions;

import io.fabric8.kubernetes.api.model.Condition;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import java.time.Instant;
import java.util.List;

/**
 * The conditions people read on a request: Running, Completed, Failed, Blocked, written alike by
 * the operator and by the CLI when it runs an operation itself.
 */
public final class RequestConditions {
  public static final String RUNNING = "Running";
  public static final String COMPLETED = "Completed";
  public static final String FAILED = "Failed";
  public static final String BLOCKED = "Blocked";

  private RequestConditions() {}

  public static List<Condition> of(OperationState state, List<Condition> previous, Instant now) {
    Conditions conditions = new Conditions(previous, now);
    String message =
        state
            .message()
            .or(state::lastError)
            .or(
                () ->
                    state
                        .waitingFor()
                        .map(waiting -> "phase " + state.phase() + ": waiting for " + waiting))
            .orElse("phase " + state.phase());
    conditions.set(RUNNING, !state.finished(), state.phase().display(), message);
    if (state.phase() == Phase.COMPLETED) {
      conditions.set(COMPLETED, true, state.phase().display(), message);
    } else if (state.phase() == Phase.FAILED) {
      conditions.set(
          FAILED,
          true,
          "Failed" + state.failedIn().map(phase -> "In" + phase.display()).orElse(""),
          message);
    }
    return conditions.list();
  }

  /** The request cannot start: bad spec (reason InvalidSpec), missing app, missing credentials. */
  public static List<Condition> rejected(
      String reason, String message, List<Condition> previous, Instant now) {
    return new Conditions(previous, now).set(FAILED, true, reason, message).list();
  }

  /**
   * Refused before it started: a Failed condition and no phase. Final, as {@code hm} and people
   * read it: fixing what it named does not start it later behind their back; they create the
   * request again.
   */
  public static boolean refused(OperationStatus status) {
    return status != null
        && status.phase() == null
        && status.conditions() != null
        && status.conditions().stream()
            .anyMatch(c -> FAILED.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  public static List<Condition> blocked(String message, List<Condition> previous, Instant now) {
    return new Conditions(previous, now).set(BLOCKED, true, BLOCKED, message).list();
  }
}
