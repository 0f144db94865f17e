package io.harbormaster.sandbox.imageautomation;

import io.harbormaster.sandbox.flux.Outcome;
import io.harbormaster.sandbox.flux.StatusWriter;

/**
 * The ways the image controllers end a reconcile that did not succeed, as Flux's result finalizer
 * records them on a status update the caller started: a failure retried with backoff (Ready=False
 * with the reason, Reconciling left with {@code ProgressingWithRetry}, {@code observedGeneration}
 * unchanged), a stall no retry can help (Stalled=True and Ready=False with the same reason, the
 * generation observed, nothing more until the spec changes), or a wait for another object's event.
 */
final class ImageConditions {
  private ImageConditions() {}

  static Outcome failed(StatusWriter.Update update, String reason, String message) {
    notReady(update, reason, message);
    return Outcome.retry();
  }

  static Outcome stalled(StatusWriter.Update update, String reason, String message) {
    update
        .without("Reconciling")
        .condition("Stalled", true, reason, message)
        .condition("Ready", false, reason, message)
        .observed()
        .write();
    return Outcome.stopped();
  }

  /**
   * Not ready for a reason only another object's change can end (a repository not scanned yet): no
   * retry, that object's event wakes it.
   */
  static Outcome waiting(StatusWriter.Update update, String reason, String message) {
    notReady(update, reason, message);
    return Outcome.stopped();
  }

  private static void notReady(StatusWriter.Update update, String reason, String message) {
    update
        .without("Stalled")
        .condition("Reconciling", true, "Progressing", "reconciliation in progress")
        .condition("Ready", false, reason, message)
        .finalized()
        .write();
  }
}
