package io.harbormaster.embedded.reconcile;

import io.harbormaster.api.conditions.Conditions;
import io.harbormaster.api.crd.ResumeAutomation;
import io.harbormaster.core.engine.HeldImageAutomations;
import io.harbormaster.core.model.AutomationAfterRollback;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.operation.OperationState;
import java.util.List;
import java.util.Optional;

/**
 * The ManagedApp's condition {@value #CONDITION}: whether a rollback of the app holds image
 * automations suspended, and how to let them go. Releases them when asked ({@link
 * ResumeAutomation}: {@code hm resume-automation}) or, with {@code spec.imageAutomation:
 * resumeAfterRollback}, at once.
 */
final class AutomationHoldStatus {
  static final String CONDITION = "ImageAutomationHeld";

  private AutomationHoldStatus() {}

  /**
   * Sets the condition on {@code conditions}; returns the resume request handled by now: the one
   * acted on in this pass, else the status's.
   */
  static String update(
      HeldImageAutomations held,
      ManagedApp app,
      io.harbormaster.api.crd.ManagedApp resource,
      List<OperationState> rollbacks,
      Conditions conditions) {
    String handled =
        resource.getStatus() == null ? null : resource.getStatus().resumeAutomationHandled();
    Optional<String> asked = ResumeAutomation.pending(resource);
    Optional<HeldImageAutomations.Hold> hold = held.of(app, rollbacks);
    if (hold.isEmpty()) {
      conditions.set(
          CONDITION,
          false,
          "NotHeld",
          "no rollback of the app holds an image automation suspended");
      return asked.orElse(handled);
    }
    if (asked.isEmpty() && app.imageAutomation() == AutomationAfterRollback.KEEP_SUSPENDED) {
      conditions.set(CONDITION, true, "HeldAfterRollback", hold.get().describe(app));
      return handled;
    }
    HeldImageAutomations.Released released = held.release(app, hold.get());
    conditions.set(
        CONDITION,
        !released.resumed(),
        released.resumed() ? "Resumed" : "ResumeRefused",
        released.message());
    return asked.orElse(handled);
  }
}
