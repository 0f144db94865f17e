package io.harbormaster.api.crd;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/**
 * A request to resume the Flux image automations a rollback of the app held: {@code hm
 * resume-automation} (or {@code kubectl annotate}) sets annotation {@value #ANNOTATION} of the
 * ManagedApp to a new value, as {@code flux reconcile} sets {@code
 * reconcile.fluxcd.io/requestedAt}; the operator acts on each value once and writes it to {@code
 * status.resumeAutomationHandled}.
 */
public final class ResumeAutomation {
  public static final String ANNOTATION = "harbormaster.io/resume-automation";

  /** The ManagedApp's condition that says what is held and how a resume went. */
  public static final String CONDITION = "ImageAutomationHeld";

  /** Reasons of {@link #CONDITION} that end a resume without resuming. */
  public static final String REFUSED = "ResumeRefused";

  public static final String FAILED = "ResumeFailed";

  /** The reason of {@link #CONDITION} when nothing is held. */
  public static final String NOT_HELD = "NotHeld";

  private ResumeAutomation() {}

  /** The value asked for on {@code app}, if any. */
  public static Optional<String> requested(HasMetadata app) {
    Map<String, String> annotations = app.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(ANNOTATION));
  }

  /** Whether {@code app} asks for a resume its status does not show handled. */
  public static Optional<String> pending(ManagedApp app) {
    String handled = app.getStatus() == null ? null : app.getStatus().resumeAutomationHandled();
    return requested(app).filter(value -> !value.equals(handled));
  }
}
