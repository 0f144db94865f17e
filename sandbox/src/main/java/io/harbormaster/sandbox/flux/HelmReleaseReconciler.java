package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.harbormaster.sandbox.flux.ReleaseStorage.StoredRelease;
import io.harbormaster.sandbox.flux.chart.ChartCatalogue;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays helm-controller (v2 API) for one HelmRelease, as its documented reconcile goes:
 *
 * <ul>
 *   <li>A HelmChart not ready (its spec not observed yet, stalled on a chart or version the index
 *       lacks, no artifact): Ready=False {@code SourceNotReady} ("HelmChart ... is not ready: " and
 *       why, {@link HelmCharts}), looked at again after the dependency requeue.
 *   <li>The values are composed from {@code spec.valuesFrom} and {@code spec.values} ({@link
 *       HelmValues}); a reference that cannot be resolved is Ready=False {@code ValuesError},
 *       retried with backoff before anything is attempted.
 *   <li>Every reconcile records what it attempts ({@code lastAttemptedGeneration}, {@code
 *       lastAttemptedRevision}, {@code lastAttemptedConfigDigest}); a change of any of them resets
 *       the failure counts.
 *   <li>The newest revision deployed with this chart version and values: nothing to do (drift is
 *       corrected only with {@code spec.driftDetection.mode: enabled}).
 *   <li>Otherwise install or upgrade. A chart that fails to render fails before a revision is
 *       stored: Ready=False {@code UpgradeFailed}, no failure counted, no Stalled, retried with
 *       backoff, {@code observedGeneration} left behind. A stored revision is pending while Helm
 *       waits (unless {@code disableWait}) up to {@code spec.timeout} (5m) for its workloads, in
 *       flight: a suspend written meanwhile does not stop it.
 *   <li>A revision that fails its wait counts a failure and is remediated as {@link
 *       HelmRemediation} says: rolled back or uninstalled (Remediated=True) and tried again, until
 *       the retries run out and it stalls (Stalled=True {@code RetriesExceeded}) until the spec
 *       changes.
 * </ul>
 *
 * {@code observedGeneration} moves on success, on a terminal failure and while suspended.
 */
final class HelmReleaseReconciler implements FluxReconciler {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private final HelmCharts helmCharts;
  private final HelmValues helmValues;
  private final StatusWriter status;
  private final HelmActions helm;
  private final FluxTimings timings;

  HelmReleaseReconciler(
      KubernetesClient client, ChartCatalogue charts, StatusWriter status, FluxTimings timings) {
    this.helmCharts = new HelmCharts(client, charts);
    this.helmValues = new HelmValues(client);
    this.status = status;
    this.timings = timings;
    this.helm = new HelmActions(client, status);
  }

  @Override
  public Outcome reconcile(GenericKubernetesResource helmRelease) {
    HelmTarget names = HelmTarget.names(helmRelease);
    List<StoredRelease> stored = helm.stored(names);
    Optional<StoredRelease> pending =
        HelmActions.newest(stored).filter(release -> release.status().startsWith("pending-"));
    if (pending.isPresent()) {
      // The action in flight outlives a spec change: it ends before anything else is done.
      return awaitPending(helmRelease, names, pending.get());
    }
    HelmCharts.Resolution chart = helmCharts.resolve(helmRelease);
    if (chart.notReady() != null) {
      unfulfilled(helmRelease, "SourceNotReady", chart.notReady());
      return Outcome.requeueAfter(timings.dependencyRequeue());
    }
    Map<String, Object> values;
    try {
      values = helmValues.compose(helmRelease);
    } catch (ValuesException e) {
      // Before anything is attempted: no lastAttempted* field moves, and the error is retried with
      // backoff.
      unfulfilled(helmRelease, "ValuesError", e.getMessage());
      return Outcome.retry();
    }
    HelmTarget target = HelmTarget.of(helmRelease, chart.chart(), chart.version(), values);
    StatusWriter.Update attempt = attempt(helmRelease, target);
    if (helm.inSync(stored, target)) {
      StoredRelease deployed = stored.get(stored.size() - 1);
      if ("enabled"
          .equals(Fields.text(helmRelease, "spec", "driftDetection", "mode").orElse("disabled"))) {
        helm.correctDrift(target, deployed);
      }
      succeeded(attempt, target, deployed);
      return Outcome.done();
    }
    String action = stored.isEmpty() ? HelmRemediation.INSTALL : HelmRemediation.UPGRADE;
    HelmRemediation remediation = HelmRemediation.of(helmRelease, action);
    long failures = attempt.number(remediation.failureCounter());
    if (remediation.retryInterval().isEmpty() && remediation.exhausted(failures)) {
      attempt
          .condition(
              "Stalled",
              true,
              "RetriesExceeded",
              "Failed to " + action + " after " + failures + " attempt(s)")
          .without("Reconciling")
          .observed()
          .write();
      return Outcome.stopped();
    }
    return act(attempt, helmRelease, target, stored, action);
  }

  /**
   * A prerequisite of the release is missing: Ready=False with its reason, nothing attempted, the
   * reconcile still in progress as helm-controller leaves it.
   */
  private void unfulfilled(GenericKubernetesResource helmRelease, String reason, String message) {
    status
        .update(FluxType.HELM_RELEASE, helmRelease)
        .condition("Reconciling", true, "Progressing", "Fulfilling prerequisites")
        .condition("Ready", false, reason, message)
        .write();
  }

  @Override
  public void whileSuspended(GenericKubernetesResource helmRelease) {
    status.update(FluxType.HELM_RELEASE, helmRelease).observed().writeIfChanged();
  }

  /**
   * What this reconcile attempts, recorded before any action; a new attempt starts its failure
   * counts afresh.
   */
  private StatusWriter.Update attempt(GenericKubernetesResource helmRelease, HelmTarget target) {
    long generation = ReconcileRequests.generation(helmRelease);
    String digest = helm.configDigest(target.values());
    StatusWriter.Update update = status.update(FluxType.HELM_RELEASE, helmRelease);
    boolean changed =
        generation != Fields.number(helmRelease, "status", "lastAttemptedGeneration")
            || !target
                .version()
                .equals(Fields.text(helmRelease, "status", "lastAttemptedRevision").orElse(""))
            || !digest.equals(
                Fields.text(helmRelease, "status", "lastAttemptedConfigDigest").orElse(""));
    if (changed) {
      update
          .field("failures", 0)
          .field("installFailures", 0)
          .field("upgradeFailures", 0)
          .without("Stalled");
    }
    return update
        .field("lastAttemptedGeneration", generation)
        .field("lastAttemptedRevision", target.version())
        .field("lastAttemptedConfigDigest", digest)
        .field("storageNamespace", target.storageNamespace());
  }

  private Outcome act(
      StatusWriter.Update attempt,
      GenericKubernetesResource helmRelease,
      HelmTarget target,
      List<StoredRelease> stored,
      String action) {
    Duration timeout = FluxInterval.spec(helmRelease, "timeout").orElse(DEFAULT_TIMEOUT);
    String running =
        "Running '" + action + "' action with timeout of " + FluxInterval.format(timeout);
    attempt
        .field("lastAttemptedReleaseAction", action)
        .condition("Reconciling", true, "Progressing", running)
        .condition("Ready", "Unknown", "Progressing", running)
        .write();
    StoredRelease pending;
    try {
      List<ObjectNode> objects = helm.render(helmRelease, target);
      pending = helm.release(target, objects, stored, action);
    } catch (IllegalArgumentException | KubernetesClientException e) {
      if (e instanceof KubernetesClientException refused
          && refused.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw refused; // raced with another writer: the loop tries again
      }
      // Failed before a revision was stored (a template error, an object the API refuses): nothing
      // to remediate, so no failure of the action is counted, and helm-controller retries with
      // backoff.
      String message = failedMessage(action, target, target.chartAtVersion(), e.getMessage());
      attempt
          .field("failures", attempt.number("failures") + 1)
          .condition("Released", false, failedReason(action), message)
          .condition("Ready", false, failedReason(action), message)
          .write();
      return Outcome.retry();
    }
    if (Fields.flag(helmRelease, "spec", action, "disableWait")) {
      return finish(attempt, target, pending);
    }
    return Outcome.inFlight(timings.poll());
  }

  /**
   * Helm's wait for a pending revision: deployed once its workloads are ready, failed at the
   * timeout.
   */
  private Outcome awaitPending(
      GenericKubernetesResource helmRelease, HelmTarget target, StoredRelease pending) {
    StatusWriter.Update update = status.update(FluxType.HELM_RELEASE, helmRelease);
    if (helm.workloadsReady(target, pending)) {
      return finish(update, target, pending);
    }
    Instant started = Instant.parse(pending.release().path("info").path("last_deployed").asText());
    Duration timeout = FluxInterval.spec(helmRelease, "timeout").orElse(DEFAULT_TIMEOUT);
    if (Duration.between(started, status.instant()).compareTo(timeout) < 0) {
      return Outcome.inFlight(timings.poll());
    }
    String action = pending.status().substring("pending-".length());
    helm.markFailed(
        pending,
        capitalized(action) + " \"" + target.release() + "\" failed: context deadline exceeded");
    return remediate(update, helmRelease, target, pending, action);
  }

  private Outcome finish(StatusWriter.Update update, HelmTarget target, StoredRelease pending) {
    String action = pending.status().substring("pending-".length());
    helm.markDeployed(target, pending, capitalized(action) + " complete");
    succeeded(update, target, pending);
    return Outcome.done();
  }

  private void succeeded(StatusWriter.Update update, HelmTarget target, StoredRelease release) {
    boolean installed = release.version() == 1;
    String reason = installed ? "InstallSucceeded" : "UpgradeSucceeded";
    String message =
        "Helm "
            + (installed ? HelmRemediation.INSTALL : HelmRemediation.UPGRADE)
            + " succeeded for release "
            + target.describe()
            + ".v"
            + release.version()
            + " with chart "
            + HelmActions.chartOf(release);
    update
        .field("history", helm.history(target))
        .condition("Released", true, reason, message)
        .condition("Ready", true, reason, message)
        .without("Reconciling", "Remediated", "Stalled")
        .observed()
        .write();
  }

  /** A stored revision failed: count it, then retry, remediate or stall as the spec says. */
  private Outcome remediate(
      StatusWriter.Update update,
      GenericKubernetesResource helmRelease,
      HelmTarget target,
      StoredRelease failed,
      String action) {
    HelmRemediation remediation = HelmRemediation.of(helmRelease, action);
    long failures = update.number(remediation.failureCounter()) + 1;
    String message =
        failedMessage(action, target, HelmActions.chartOf(failed), "context deadline exceeded");
    update
        .field("history", helm.history(target))
        .field("failures", update.number("failures") + 1)
        .field(remediation.failureCounter(), failures)
        .condition("Released", false, failedReason(action), message)
        .condition("Ready", false, failedReason(action), message);
    if (remediation.retryInterval().isPresent()) {
      update.without("Reconciling").observed().write();
      return Outcome.requeueAfter(remediation.retryInterval().get());
    }
    boolean exhausted = remediation.exhausted(failures);
    if (!exhausted || remediation.remediateLastFailure()) {
      Optional<String> missingTarget = undo(update, target, failed, remediation);
      if (missingTarget.isPresent()) {
        update
            .condition("Stalled", true, "MissingRollbackTarget", missingTarget.get())
            .without("Reconciling")
            .observed()
            .write();
        return Outcome.stopped();
      }
      update.field("history", helm.history(target));
    }
    if (!exhausted) {
      update
          .condition(
              "Reconciling",
              true,
              "ProgressingWithRetry",
              "retrying after a remediated " + action + " failure")
          .write();
      return Outcome.retry();
    }
    update
        .condition(
            "Stalled",
            true,
            "RetriesExceeded",
            "Failed to " + action + " after " + failures + " attempt(s)")
        .without("Reconciling")
        .observed()
        .write();
    return Outcome.stopped();
  }

  /**
   * Rolls back or uninstalls; Ready takes the remediation's words. Empty when done, else why it
   * could not.
   */
  private Optional<String> undo(
      StatusWriter.Update update,
      HelmTarget target,
      StoredRelease failed,
      HelmRemediation remediation) {
    String release = target.describe() + ".v" + failed.version();
    if (remediation.strategy().equals("uninstall")) {
      helm.uninstall(target);
      String message =
          "Helm uninstall remediation for release "
              + release
              + " with chart "
              + HelmActions.chartOf(failed)
              + " succeeded";
      update
          .condition("Remediated", true, "UninstallSucceeded", message)
          .condition("Ready", false, "UninstallSucceeded", message);
      return Optional.empty();
    }
    Optional<StoredRelease> to = helm.rollback(target);
    if (to.isEmpty()) {
      return Optional.of("Failed to perform remediation: missing target release for rollback");
    }
    String message =
        "Helm rollback to previous release "
            + target.describe()
            + ".v"
            + to.get().version()
            + " with chart "
            + HelmActions.chartOf(to.get())
            + " succeeded";
    update
        .condition("Remediated", true, "RollbackSucceeded", message)
        .condition("Ready", false, "RollbackSucceeded", message);
    return Optional.empty();
  }

  private static String failedReason(String action) {
    return capitalized(action) + "Failed";
  }

  private static String failedMessage(
      String action, HelmTarget target, String chart, String cause) {
    return "Helm "
        + action
        + " failed for release "
        + target.describe()
        + " with chart "
        + chart
        + ": "
        + cause;
  }

  private static String capitalized(String action) {
    return Character.toUpperCase(action.charAt(0)) + action.substring(1);
  }
}
