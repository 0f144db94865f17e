package io.harbormaster.embedded.reconcile;

import io.harbormaster.api.conditions.Conditions;
import io.harbormaster.api.crd.ResumeAutomation;
import io.harbormaster.core.engine.HeldImageAutomations;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.redaction.Redaction;
import java.util.List;
import java.util.Optional;

/**
 * The ManagedApp's condition {@value #CONDITION}: whether operations of the app left image
 * automations suspended, and how to let them go. Releases them when asked ({@link
 * ResumeAutomation}: {@code hm resume-automation}) or, with {@code spec.imageAutomation:
 * resumeAfterRollback}, by itself; a release narrows the ImagePolicy in one pass and resumes in a
 * later one, once the policy has picked again.
 */
final class AutomationHoldStatus {
  private static final String CONDITION = ResumeAutomation.CONDITION;

  private AutomationHoldStatus() {}

  /**
   * What a pass leaves in the status: the resume request handled by now, the newest operation whose
   * hold is released, and whether to look again soon (a release under way).
   */
  record Outcome(String resumeHandled, String releasedUpTo, boolean again) {}

  static Outcome update(
      HeldImageAutomations held,
      ManagedApp app,
      io.harbormaster.api.crd.ManagedApp resource,
      List<OperationState> operations,
      Conditions conditions) {
    String handled =
        resource.getStatus() == null ? null : resource.getStatus().resumeAutomationHandled();
    String releasedUpTo =
        resource.getStatus() == null ? null : resource.getStatus().imageAutomationsReleasedUpTo();
    Optional<String> asked = ResumeAutomation.pending(resource);
    Optional<HeldImageAutomations.Hold> hold =
        held.of(
            app, operations, Optional.ofNullable(releasedUpTo).flatMap(AutomationHoldStatus::id));
    if (hold.isEmpty()) {
      conditions.set(
          CONDITION,
          false,
          ResumeAutomation.NOT_HELD,
          "no operation of the app holds an image automation suspended");
      return new Outcome(asked.orElse(handled), releasedUpTo, false);
    }
    if (!HeldImageAutomations.releaseDue(
        app, asked.isPresent(), "Releasing".equals(reasonBefore(resource)))) {
      conditions.set(CONDITION, true, "HeldAfterRollback", hold.get().describe(app));
      return new Outcome(handled, releasedUpTo, false);
    }
    HeldImageAutomations.Released released;
    try {
      released = held.release(app, hold.get());
    } catch (RuntimeException failed) {
      conditions.set(
          CONDITION,
          true,
          ResumeAutomation.FAILED,
          "the release failed, nothing resumed: "
              + Redaction.redact(String.valueOf(failed.getMessage())));
      return new Outcome(asked.orElse(handled), releasedUpTo, false);
    }
    return switch (released.progress()) {
      case RESUMED -> {
        conditions.set(CONDITION, false, "Resumed", released.message());
        yield new Outcome(asked.orElse(handled), text(hold.get().by()), false);
      }
      case NARROWED -> {
        conditions.set(CONDITION, true, "Releasing", released.message());
        yield new Outcome(handled, releasedUpTo, true);
      }
      case REFUSED -> {
        conditions.set(CONDITION, true, ResumeAutomation.REFUSED, released.message());
        yield new Outcome(asked.orElse(handled), releasedUpTo, false);
      }
    };
  }

  /** A release under way goes on in the next passes, until it resumes or is refused. */
  private static String reasonBefore(io.harbormaster.api.crd.ManagedApp resource) {
    if (resource.getStatus() == null || resource.getStatus().conditions() == null) {
      return "";
    }
    return resource.getStatus().conditions().stream()
        .filter(condition -> CONDITION.equals(condition.getType()))
        .map(condition -> condition.getReason())
        .findFirst()
        .orElse("");
  }

  /** {@code rollback:apps/to-broken-rollback}. */
  private static String text(OperationId operation) {
    return operation.kind().name().toLowerCase() + ":" + operation.request();
  }

  private static Optional<OperationId> id(String text) {
    String[] parts = text.split(":", 2);
    String[] name = parts.length == 2 ? parts[1].split("/", 2) : new String[0];
    if (name.length != 2) {
      return Optional.empty();
    }
    ObjectRef request = ObjectRef.of(name[0], name[1]);
    return parts[0].equals("upgrade")
        ? Optional.of(OperationId.upgrade(request))
        : parts[0].equals("rollback")
            ? Optional.of(OperationId.rollback(request))
            : Optional.empty();
  }
}
