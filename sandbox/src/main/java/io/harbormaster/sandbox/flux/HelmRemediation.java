package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.Optional;

/**
 * What helm-controller does after a failed install or upgrade, as a HelmRelease's {@code
 * spec.install} or {@code spec.upgrade} says: with {@code strategy.name: RetryOnFailure}, try again
 * after {@code strategy.retryInterval} (5m) and nothing else; otherwise remediate (an upgrade by
 * {@code remediation.strategy}, rollback unless it says uninstall; an install by uninstalling) and
 * try again until more than {@code remediation.retries} attempts failed (-1: never), then remediate
 * the last failure only if {@code remediation.remediateLastFailure} (for an upgrade, true by
 * default when retries is above 0) and stall.
 */
record HelmRemediation(
    String action,
    long retries,
    boolean remediateLastFailure,
    String strategy,
    Optional<Duration> retryInterval) {
  static final String INSTALL = "install";
  static final String UPGRADE = "upgrade";

  static HelmRemediation of(GenericKubernetesResource helmRelease, String action) {
    long retries = Fields.number(helmRelease, "spec", action, "remediation", "retries");
    Object lastFailure = helmRelease.get("spec", action, "remediation", "remediateLastFailure");
    boolean remediateLast =
        lastFailure instanceof Boolean explicit ? explicit : action.equals(UPGRADE) && retries > 0;
    String strategy =
        action.equals(INSTALL)
            ? "uninstall"
            : Fields.text(helmRelease, "spec", UPGRADE, "remediation", "strategy")
                .orElse("rollback");
    boolean retryOnFailure =
        "RetryOnFailure"
            .equals(Fields.text(helmRelease, "spec", action, "strategy", "name").orElse(""));
    Optional<Duration> retryInterval =
        retryOnFailure
            ? Optional.of(
                FluxInterval.spec(helmRelease, action, "strategy", "retryInterval")
                    .orElse(Duration.ofMinutes(5)))
            : Optional.empty();
    return new HelmRemediation(action, retries, remediateLast, strategy, retryInterval);
  }

  /** No attempt left after {@code failures} failed ones. */
  boolean exhausted(long failures) {
    return retries >= 0 && failures > retries;
  }

  /** The status field counting this action's failures. */
  String failureCounter() {
    return action + "Failures";
  }
}
