package io.harbormaster.core.engine;

import io.harbormaster.core.automation.ImagePolicyChoice;
import io.harbormaster.core.automation.TagExclusion;
import io.harbormaster.core.model.AutomationAfterRollback;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.OperationKind;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.port.ValueChange;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Flux image automations that operations of an app left suspended to keep a bad tag out of git,
 * and their release. They are left so by a rollback that suspended them (completed, or failed after
 * its Pending), and by a failed upgrade that handed them to a rollback that never ran; each such
 * operation after the last release counts, with the tag it undid (the value at {@code
 * spec.git.versionPath}: the rollback's revert from it, the upgrade's commit to it). Nothing is
 * held while an operation of the app runs: it holds what it holds itself. Release keeps every
 * undone tag out of the app's ImagePolicy ({@code spec.git.imagePolicy}) first ({@link
 * TagExclusion}), and resumes the automations only once the policy has picked again without them.
 */
public final class HeldImageAutomations {
  private final Ports ports;

  public HeldImageAutomations(Ports ports) {
    this.ports = ports;
  }

  /**
   * What is held: {@code automations}, suspended by {@code by} (the newest operation that left them
   * so), kept from pushing {@code undoneTags}.
   */
  public record Hold(OperationId by, List<ObjectRef> automations, Set<String> undoneTags) {
    /** For people: what is held, why, and how to let it go. */
    public String describe(ManagedApp app) {
      return "ImageUpdateAutomation "
          + automations
          + " stays suspended since "
          + by.kind().name().toLowerCase()
          + " "
          + by.request().name()
          + " undid "
          + String.join(", ", undoneTags)
          + ": resumed, it would push the newest tag its ImagePolicy picks. hm resume-automation "
          + app.id().name()
          + " -n "
          + app.id().namespace()
          + " keeps "
          + String.join(", ", undoneTags)
          + " out of the policy and resumes it (spec.imageAutomation: resumeAfterRollback does so by"
          + " itself)";
    }
  }

  /** Where a release stands, and the line that says so. */
  public enum Progress {
    /** The automations run again. */
    RESUMED,
    /** The policy was narrowed; they resume once it has picked again. */
    NARROWED,
    /** They stay suspended, for the reason given. */
    REFUSED
  }

  /** How a release step ended. */
  public record Released(Progress progress, String message) {}

  /**
   * What the app's operations ({@code operations}: its upgrades and rollbacks, in any state) hold
   * now, counting only those that ended after {@code releasedUpTo}, the newest operation whose hold
   * was released before.
   */
  public Optional<Hold> of(
      ManagedApp app, List<OperationState> operations, Optional<OperationId> releasedUpTo) {
    if (operations.stream().anyMatch(operation -> !operation.finished())) {
      return Optional.empty();
    }
    List<OperationState> holding =
        operations.stream()
            .filter(HeldImageAutomations::leftHeld)
            // A finished operation entered its terminal phase when it ended.
            .sorted(Comparator.comparing(OperationState::phaseStartedAt))
            .toList();
    if (releasedUpTo.isPresent()) {
      int released = indexOf(holding, releasedUpTo.get());
      holding = released < 0 ? holding : holding.subList(released + 1, holding.size());
    }
    Set<ObjectRef> candidates = new LinkedHashSet<>();
    Set<String> undone = new LinkedHashSet<>();
    for (OperationState operation : holding) {
      candidates.addAll(operation.imageAutomations());
      undoneValue(app, operation).map(HeldImageAutomations::tagOf).ifPresent(undone::add);
    }
    List<ObjectRef> held =
        candidates.stream()
            .filter(ref -> ports.tenancy().allows(app.id().namespace(), ref.namespace()))
            .filter(ref -> ports.imageAutomations().suspended(ref).orElse(false))
            .toList();
    if (held.isEmpty() || undone.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Hold(holding.get(holding.size() - 1).id(), held, undone));
  }

  /**
   * Whether a hold is let go now: when someone asked ({@code hm resume-automation}), when a release
   * is under way, or when the app resumes after a rollback by itself.
   */
  public static boolean releaseDue(ManagedApp app, boolean asked, boolean underWay) {
    return asked || underWay || app.imageAutomation() == AutomationAfterRollback.RESUME;
  }

  /**
   * One step of letting {@code hold} go: narrows the app's ImagePolicy if it still lets an undone
   * tag in (then the automations wait for the policy to pick again, in a later step), or resumes
   * them once it cannot pick any; or leaves them suspended and says why.
   */
  public Released release(ManagedApp app, Hold hold) {
    Optional<String> policyName = app.git().imagePolicy();
    if (policyName.isEmpty()) {
      return refused(
          "spec.git.imagePolicy is not set, so Harbormaster cannot tell which ImagePolicy to keep "
              + String.join(", ", hold.undoneTags())
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
    TagExclusion.Release decision = TagExclusion.decide(policy.get(), hold.undoneTags());
    if (decision instanceof TagExclusion.Release.Refuse refuse) {
      return refused(refuse.why());
    }
    if (decision instanceof TagExclusion.Release.AwaitPolicy await) {
      return new Released(Progress.NARROWED, await.why());
    }
    if (decision instanceof TagExclusion.Release.Narrow narrow) {
      ports.fluxControl().narrowImagePolicy(policyRef, narrow.range(), narrow.narrowed());
      return new Released(
          Progress.NARROWED,
          "ImagePolicy "
              + policyRef
              + "'s semver range '"
              + narrow.range()
              + "' is now '"
              + narrow.narrowed()
              + "'; ImageUpdateAutomation "
              + hold.automations()
              + " resumes once the policy has picked again");
    }
    hold.automations().forEach(ports.fluxControl()::resumeImageAutomation);
    return new Released(
        Progress.RESUMED,
        "resumed ImageUpdateAutomation "
            + hold.automations()
            + ": ImagePolicy "
            + policyRef
            + " picks "
            + policy.get().latestTag().orElse("no tag yet")
            + " and cannot pick "
            + String.join(", ", hold.undoneTags()));
  }

  private static Released refused(String why) {
    return new Released(Progress.REFUSED, why);
  }

  /**
   * Whether {@code operation} ended leaving the automations it recorded suspended: a rollback that
   * got past its Pending (a dry run changes nothing), or an upgrade that handed them to a rollback.
   */
  private static boolean leftHeld(OperationState operation) {
    if (operation.imageAutomations().isEmpty()
        || operation.history().stream().anyMatch(record -> record.phase() == Phase.DRY_RUN)) {
      return false;
    }
    if (operation.id().kind() == OperationKind.ROLLBACK) {
      return operation.phase() == Phase.COMPLETED
          ? operation.commitId().isPresent()
          : operation.failedIn().filter(phase -> phase != Phase.PENDING).isPresent();
    }
    return operation.rollbackRequested();
  }

  /** The tag an operation that left automations held was undoing, at the version path. */
  private static Optional<String> undoneValue(ManagedApp app, OperationState operation) {
    Optional<ValueChange> change =
        operation.versionChanges().stream()
            .filter(c -> c.path().equals(app.git().versionPath()))
            .findFirst();
    return operation.id().kind() == OperationKind.ROLLBACK
        ? change.map(ValueChange::from)
        : change.map(ValueChange::to);
  }

  private static int indexOf(List<OperationState> operations, OperationId id) {
    for (int i = 0; i < operations.size(); i++) {
      if (operations.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The tag of a value a setter marker writes: the value itself ({@code ...:tag} markers), or the
   * part after the image's last {@code :} ({@code name:tag}), unless that colon is a registry's
   * port; a digest ({@code @sha256:...}) is left out.
   */
  static String tagOf(String value) {
    int at = value.indexOf('@');
    String image = at < 0 ? value : value.substring(0, at);
    int colon = image.lastIndexOf(':');
    return colon < 0 || image.indexOf('/', colon) >= 0 ? image : image.substring(colon + 1);
  }
}
