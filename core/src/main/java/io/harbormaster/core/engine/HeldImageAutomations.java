package io.harbormaster.core.engine;

import io.harbormaster.core.automation.ImagePolicyChoice;
import io.harbormaster.core.automation.TagExclusion;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.port.ValueChange;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The Flux image automations a rollback left suspended (the {@link
 * OperationState#imageAutomations()} of the app's newest completed rollback that hold any, as far
 * as they still read suspended), and their release: the tag the rollback undid is first kept out of
 * the app's ImagePolicy ({@code spec.git.imagePolicy}, whose setter marker is on {@code
 * spec.git.versionPath}) by {@link TagExclusion}, then they are resumed.
 */
public final class HeldImageAutomations {
  private final Ports ports;

  public HeldImageAutomations(Ports ports) {
    this.ports = ports;
  }

  /**
   * What the rollback {@code rollback} holds: {@code automations}, kept from pushing {@code
   * undoneTag}.
   */
  public record Hold(OperationId rollback, List<ObjectRef> automations, String undoneTag) {
    /** For people: what is held, why, and how to let it go. */
    public String describe(ManagedApp app) {
      return "ImageUpdateAutomation "
          + automations
          + " stays suspended since rollback "
          + rollback.request().name()
          + " undid "
          + undoneTag
          + ": resumed, it would push the newest tag its ImagePolicy picks. hm resume-automation "
          + app.id().name()
          + " -n "
          + app.id().namespace()
          + " keeps "
          + undoneTag
          + " out of the policy and resumes it (spec.imageAutomation: resumeAfterRollback does so by"
          + " itself)";
    }
  }

  /** How a release ended: whether the automations run again, and the line that says so. */
  public record Released(boolean resumed, String message) {}

  /** What the app's rollbacks ({@code rollbacks}, in any state) hold now, if anything. */
  public Optional<Hold> of(ManagedApp app, List<OperationState> rollbacks) {
    Optional<OperationState> newest =
        rollbacks.stream()
            .filter(rollback -> rollback.phase() == Phase.COMPLETED)
            .filter(rollback -> !rollback.imageAutomations().isEmpty())
            .max(Comparator.comparing(OperationState::phaseStartedAt));
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    List<ObjectRef> held =
        newest.get().imageAutomations().stream()
            .filter(ref -> ports.tenancy().allows(app.id().namespace(), ref.namespace()))
            .filter(ref -> ports.imageAutomations().suspended(ref).orElse(false))
            .toList();
    Optional<String> undone =
        newest.get().versionChanges().stream()
            .filter(change -> change.path().equals(app.git().versionPath()))
            .map(ValueChange::from)
            .map(HeldImageAutomations::tagOf)
            .findFirst();
    if (held.isEmpty() || undone.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Hold(newest.get().id(), held, undone.get()));
  }

  /**
   * Resumes what {@code hold} holds once the app's ImagePolicy cannot pick the undone tag
   * (narrowing its semver range first); or leaves it suspended and says why.
   */
  public Released release(ManagedApp app, Hold hold) {
    Optional<String> policyName = app.git().imagePolicy();
    if (policyName.isEmpty()) {
      return refused(
          "spec.git.imagePolicy is not set, so Harbormaster cannot tell which ImagePolicy to keep "
              + hold.undoneTag()
              + " out of: set it to <namespace>:<name> of the policy whose marker is on"
              + " spec.git.versionPath, or resume by hand (flux resume image update <name> -n"
              + " <namespace>) once the policy leaves the tag out");
    }
    String[] parts = policyName.get().split(":", 2);
    ObjectRef policyRef = ObjectRef.of(parts[0], parts[1]);
    if (!ports.tenancy().allows(app.id().namespace(), policyRef.namespace())) {
      return refused(
          "ImagePolicy "
              + policyRef
              + " (spec.git.imagePolicy) is in a namespace app "
              + app.id()
              + " may not touch");
    }
    Optional<ImagePolicyChoice> policy = ports.imageAutomations().policy(policyRef);
    if (policy.isEmpty()) {
      return refused(
          "ImagePolicy " + policyRef + " (spec.git.imagePolicy) does not exist: check the name");
    }
    TagExclusion.Release decision = TagExclusion.decide(policy.get(), hold.undoneTag());
    if (decision instanceof TagExclusion.Release.Refuse refuse) {
      return refused(refuse.why());
    }
    String excluded = "";
    if (decision instanceof TagExclusion.Release.Narrow narrow) {
      ports.fluxControl().narrowImagePolicy(policyRef, narrow.range(), narrow.narrowed());
      excluded =
          "ImagePolicy "
              + policyRef
              + "'s semver range '"
              + narrow.range()
              + "' is now '"
              + narrow.narrowed()
              + "'; ";
    }
    hold.automations().forEach(ports.fluxControl()::resumeImageAutomation);
    return new Released(
        true,
        excluded
            + "resumed ImageUpdateAutomation "
            + hold.automations()
            + ": ImagePolicy "
            + policyRef
            + " cannot pick "
            + hold.undoneTag()
            + ", which rollback "
            + hold.rollback().request().name()
            + " undid");
  }

  private static Released refused(String why) {
    return new Released(false, why);
  }

  /**
   * The tag of a value a setter marker writes: the value itself ({@code ...:tag} markers), or the
   * part after the image's last {@code :} ({@code name:tag}), unless that colon is a registry's
   * port.
   */
  static String tagOf(String value) {
    int colon = value.lastIndexOf(':');
    return colon < 0 || value.indexOf('/', colon) >= 0 ? value : value.substring(colon + 1);
  }
}
