package io.harbormaster.core.health;

import io.harbormaster.core.model.FluxRef;
import java.util.Optional;
import org.immutables.value.Value;

/** What a Flux object's live status says. */
@Value.Immutable
public abstract class FluxStatus {
  private static final java.util.regex.Pattern COMMIT = java.util.regex.Pattern.compile("(?:^|[:/])([0-9a-f]{40})$");

  public abstract FluxRef ref();

  public abstract boolean suspended();

  @Value.Default
  public ConditionStatus ready() {
    return ConditionStatus.UNKNOWN;
  }

  public abstract Optional<String> readyReason();

  public abstract Optional<String> readyMessage();

  /**
   * The {@code Stalled} condition when it is True, as {@code reason: message}: the controller has given
   * up (helm-controller after its install or upgrade retries ran out, reason {@code RetriesExceeded})
   * and will not try again until the spec changes.
   */
  public abstract Optional<String> stalled();

  /** A Kustomization's {@code status.lastAppliedRevision}, e.g. {@code main@sha1:<40 hex>}. */
  public abstract Optional<String> appliedRevision();

  @Value.Default
  public long generation() {
    return 0;
  }

  @Value.Default
  public long observedGeneration() {
    return 0;
  }

  public static ImmutableFluxStatus.Builder builder() {
    return ImmutableFluxStatus.builder();
  }

  /** The controller has acted on the object's current spec. */
  public boolean upToDate() {
    return observedGeneration() >= generation();
  }

  /** Given up on the current spec: waiting longer cannot make it Ready. */
  public boolean stalledNow() {
    return upToDate() && stalled().isPresent();
  }

  /** Ready for the current spec. */
  public boolean readyNow() {
    return upToDate() && ready() == ConditionStatus.TRUE;
  }

  /**
   * The git commit of the applied revision: Flux writes {@code <branch>@sha1:<id>} (older versions
   * {@code <branch>/<id>}). It may be a later commit than an operation's own, which it then includes.
   */
  public Optional<String> appliedCommit() {
    return appliedRevision().map(COMMIT::matcher).filter(java.util.regex.Matcher::find).map(m -> m.group(1));
  }

  /** {@code Ready=False (HealthCheckFailed): message}. */
  public String describeReady() {
    StringBuilder text = new StringBuilder("Ready=").append(ready() == ConditionStatus.UNKNOWN ? "Unknown" : ready() == ConditionStatus.TRUE ? "True" : "False");
    readyReason().ifPresent(reason -> text.append(" (").append(reason).append(')'));
    readyMessage().ifPresent(message -> text.append(": ").append(message));
    if (!upToDate()) {
      text.append(" [generation ").append(generation()).append(" not yet observed]");
    }
    return text.toString();
  }
}
