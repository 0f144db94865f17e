package io.harbormaster.core.health;

import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.SourceRef;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** What a Flux object's live status says. */
@Value.Immutable
public abstract class FluxStatus {
  /**
   * {@code <branch>@sha1:<40 hex>}, {@code <branch>@sha256:<64 hex>} (SHA-256 repositories), older
   * {@code <branch>/<40 hex>}.
   */
  private static final java.util.regex.Pattern COMMIT =
      java.util.regex.Pattern.compile("(?:@sha1:|@sha256:|^|/)([0-9a-f]{64}|[0-9a-f]{40})$");

  public abstract FluxRef ref();

  public abstract boolean suspended();

  @Value.Default
  public ConditionStatus ready() {
    return ConditionStatus.UNKNOWN;
  }

  public abstract Optional<String> readyReason();

  public abstract Optional<String> readyMessage();

  /**
   * The {@code Stalled} condition when it is True, as {@code reason: message}: the controller has
   * given up (helm-controller after its install or upgrade retries ran out, reason {@code
   * RetriesExceeded}) and will not try again until the spec changes.
   */
  public abstract Optional<String> stalled();

  /** The {@code Reconciling} condition when it is True, as {@code reason: message}. */
  public abstract Optional<String> reconciling();

  /**
   * Work the controller has under way (an apply, a health check, a Helm action): {@link
   * #reconciling} unless its reason is {@code ProgressingWithRetry}, which a failed reconcile
   * leaves behind. Suspending stops the next reconcile, not one under way, which finishes after the
   * suspend was written; the retry is one a suspend stops.
   */
  public Optional<String> inFlight() {
    return reconciling()
        .filter(text -> !text.startsWith("ProgressingWithRetry:"))
        .filter(text -> !waitingOnPrerequisites(text));
  }

  /**
   * helm-controller ended its pass before any Helm action because a prerequisite is missing (its
   * chart not ready, a dependency, values): it leaves Reconciling=True {@code Fulfilling
   * prerequisites} beside Ready=False until a pass finds them, and a suspended object has no next
   * pass. A chart version that can never be fetched keeps it so for good: waiting on it would hold
   * a rollback of that very version in Suspend until its timeout.
   */
  private boolean waitingOnPrerequisites(String reconciling) {
    return reconciling.equals("Progressing: Fulfilling prerequisites")
        && ready() == ConditionStatus.FALSE;
  }

  /**
   * A HelmRelease whose helm-controller acts on a failed upgrade by itself, as its spec says (e.g.
   * {@code spec.upgrade.remediation.retries: 3, strategy rollback}): it would roll the release back
   * while Harbormaster restores the volumes, starting the old version on data the new one may have
   * migrated.
   */
  public abstract Optional<String> selfRemediation();

  /**
   * What helm-controller does by itself when an upgrade fails, as a HelmRelease's {@code
   * spec.upgrade.remediation} says, when it does anything: with {@code retries} other than 0 (-1:
   * for ever) or {@code remediateLastFailure}, it retries and then rolls back, or uninstalls
   * ({@code strategy}, rollback when unset).
   */
  public static Optional<String> upgradeRemediation(
      long retries, boolean remediateLastFailure, Optional<String> strategy) {
    if (retries == 0 && !remediateLastFailure) {
      return Optional.empty();
    }
    return Optional.of(
        (retries != 0
                ? "spec.upgrade.remediation.retries: " + retries
                : "spec.upgrade.remediation.remediateLastFailure: true")
            + ", strategy "
            + strategy.orElse("rollback"));
  }

  /**
   * The {@code Remediated} condition when it is True, as {@code reason: message}: helm-controller
   * undid a release itself.
   */
  public abstract Optional<String> remediated();

  /**
   * A HelmRelease's newest release, {@code status.history[0]}, as {@code chart@version}: what Helm
   * really installed, which {@code Ready} alone does not say (Ready may still describe the previous
   * spec's release until helm-controller has acted on the new one).
   */
  public abstract Optional<String> lastRelease();

  /**
   * {@code status.history[0].configDigest}: the digest of the values Helm released with. Equal to
   * {@link #attemptedConfigDigest} once helm-controller has released what it last computed from the
   * spec and its {@code valuesFrom} sources.
   */
  public abstract Optional<String> lastReleaseConfigDigest();

  /**
   * A HelmRelease's {@code status.lastAttemptedConfigDigest}: the values its last attempt computed.
   */
  public abstract Optional<String> attemptedConfigDigest();

  /**
   * A HelmRelease's {@code status.lastAttemptedGeneration}: the spec its last Helm action worked
   * from.
   */
  public abstract Optional<Long> attemptedGeneration();

  /**
   * {@code status.lastHandledReconcileAt}: the newest {@code reconcile.fluxcd.io/requestedAt} value
   * the controller has acted on. A reconcile requested after a commit was applied and handled has
   * read everything that commit changed, including what its spec does not show (a {@code
   * valuesFrom} ConfigMap, a chart source's new revision).
   */
  public abstract Optional<String> handledReconcile();

  /**
   * The chart a HelmRelease's spec asks for, as {@code chart@version}, when it names one exact
   * version (not a range).
   */
  public abstract Optional<String> wantedChart();

  /**
   * The revision a Kustomization is running its health checks for ({@code spec.wait}, {@code
   * spec.healthChecks}): kustomize-controller has applied it and waits on its objects before it
   * records it applied. Read from the {@code Healthy=Unknown} condition's message.
   */
  public abstract Optional<String> healthCheckingRevision();

  /** A Kustomization's {@code status.lastAppliedRevision}, e.g. {@code main@sha1:<40 hex>}. */
  public abstract Optional<String> appliedRevision();

  /**
   * A Kustomization's {@code status.lastAttemptedRevision}: applied, perhaps still waiting on
   * health checks.
   */
  public abstract Optional<String> attemptedRevision();

  /**
   * A Kustomization's {@code status.lastAppliedOriginRevision}: the git revision an OCI artifact or
   * bucket was built from, when its publisher recorded one ({@code flux push artifact --revision}).
   */
  public abstract Optional<String> appliedOriginRevision();

  /** A Kustomization's {@code spec.sourceRef}: where it applies from. */
  public abstract Optional<SourceRef> source();

  /**
   * Where a HelmRelease's chart comes from, the source first: {@code spec.chart.spec.sourceRef} (a
   * HelmRepository, GitRepository or Bucket) and the HelmChart helm-controller makes of it, or
   * {@code spec.chartRef} (an OCIRepository or HelmChart). {@code flux reconcile helmrelease
   * --with-source} asks these to fetch: a HelmRepository reads its index only on its interval, so a
   * chart version published since is not there until it does.
   */
  public abstract List<SourceRef> chartSources();

  /**
   * The HelmChart of a HelmRelease has given up on the very chart and version the HelmRelease asks
   * for, as {@code HelmChart <namespace>/<name> is Stalled (<reason>: <message>)}:
   * source-controller treats a version the repository does not list as an invalid chart reference
   * and does not try again until the spec changes, while the HelmRelease itself only says its chart
   * is not ready.
   */
  public abstract Optional<String> chartStalled();

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

  /**
   * Ready for the current spec, and, for a HelmRelease, released as its last attempt for that spec
   * computed it: at the one chart version it names, with the values digest it attempted.
   */
  public boolean readyNow() {
    return upToDate()
        && ready() == ConditionStatus.TRUE
        && releasedAsWanted()
        && releasedAsAttempted();
  }

  private boolean releasedAsWanted() {
    return wantedChart().isEmpty() || wantedChart().equals(lastRelease());
  }

  private boolean releasedAsAttempted() {
    boolean attemptedThisSpec =
        attemptedGeneration().map(attempted -> attempted >= generation()).orElse(true);
    boolean releasedTheseValues =
        attemptedConfigDigest().isEmpty()
            || attemptedConfigDigest().equals(lastReleaseConfigDigest());
    return attemptedThisSpec && releasedTheseValues;
  }

  /**
   * The git commit of the applied revision: Flux writes {@code <branch>@sha1:<id>} (older versions
   * {@code <branch>/<id>}). From an OCI artifact or a bucket, whose revision is a digest, only the
   * origin revision names a commit. It may be a later commit than an operation's own, which it then
   * includes.
   */
  public Optional<String> appliedCommit() {
    return commitOf(
        appliedOriginRevision()
            .or(() -> revisionIsCommit() ? appliedRevision() : Optional.empty()));
  }

  /** The git commit of {@link #healthCheckingRevision}, read as {@link #appliedCommit}. */
  public Optional<String> healthCheckingCommit() {
    return commitOf(revisionIsCommit() ? healthCheckingRevision() : Optional.empty());
  }

  /**
   * The git commit of the last attempted revision, read as {@link #appliedCommit} (no origin
   * revision is recorded for it).
   */
  public Optional<String> attemptedCommit() {
    return commitOf(revisionIsCommit() ? attemptedRevision() : Optional.empty());
  }

  private boolean revisionIsCommit() {
    return source().map(source -> source.kind().revisionIsCommit()).orElse(true);
  }

  private static Optional<String> commitOf(Optional<String> revision) {
    return revision.map(COMMIT::matcher).filter(java.util.regex.Matcher::find).map(m -> m.group(1));
  }

  /** {@code Ready=False (HealthCheckFailed): message}. */
  public String describeReady() {
    StringBuilder text =
        new StringBuilder("Ready=")
            .append(
                ready() == ConditionStatus.UNKNOWN
                    ? "Unknown"
                    : ready() == ConditionStatus.TRUE ? "True" : "False");
    readyReason().ifPresent(reason -> text.append(" (").append(reason).append(')'));
    readyMessage().ifPresent(message -> text.append(": ").append(message));
    if (!upToDate()) {
      text.append(" [generation ").append(generation()).append(" not yet observed]");
    }
    if (!releasedAsAttempted()) {
      text.append(" [last attempt ")
          .append(attemptedGeneration().map(g -> "for generation " + g + " ").orElse(""))
          .append("with values ")
          .append(attemptedConfigDigest().orElse("unknown"))
          .append(", last release with ")
          .append(lastReleaseConfigDigest().orElse("none"))
          .append(']');
    }
    if (!releasedAsWanted()) {
      text.append(" [last release ")
          .append(lastRelease().orElse("none"))
          .append(", the spec asks for ")
          .append(wantedChart().orElseThrow())
          .append(']');
    }
    return text.toString();
  }
}
