package io.harbormaster.core.queue;

import io.harbormaster.core.model.ObjectRef;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One operation at a time per app. A request may start when no other request of its app is running
 * and none that is waiting goes before it: an auto-triggered rollback first, since it finishes the
 * failed upgrade that held the app (a request queued meanwhile would otherwise start on the broken
 * version, and the rollback after it could no longer revert); then oldest first, then by kind and
 * name, so two requests racing for an app agree on which one goes.
 */
public final class AppQueue {
  private static final Comparator<AppRequest> QUEUE =
      Comparator.comparing(AppRequest::createdAt)
          .thenComparing(request -> request.kind().resource())
          .thenComparing(request -> request.id().name());
  private static final Comparator<AppRequest> TURN =
      Comparator.comparing((AppRequest r) -> !r.autoTriggered()).thenComparing(QUEUE);

  private final ObjectRef app;
  private final List<AppRequest> requests;

  private AppQueue(ObjectRef app, List<AppRequest> requests) {
    this.app = app;
    this.requests = requests;
  }

  /** The queue of {@code app}, whose requests these are. */
  public static AppQueue of(ObjectRef app, Collection<AppRequest> requests) {
    return new AppQueue(app, List.copyOf(requests));
  }

  /** What {@code request} waits for, if anything, in words the user sees. */
  public Optional<String> blocker(AppRequest request) {
    return blocker(request, other -> true);
  }

  /**
   * What a request run by {@code hm --local} waits for: a request already running, or an
   * auto-triggered rollback waiting to finish its failed upgrade. Not an older request merely
   * waiting: without an operator, nothing may ever start it.
   */
  public Optional<String> blockerOfALocalRun(AppRequest request) {
    return blocker(request, AppRequest::autoTriggered);
  }

  private Optional<String> blocker(AppRequest request, Predicate<AppRequest> waitingCounts) {
    return requests.stream()
        .filter(other -> !(other.kind() == request.kind() && other.id().equals(request.id())))
        .filter(
            other ->
                other.state() == AppRequest.State.RUNNING
                    || (other.state() == AppRequest.State.WAITING
                        && waitingCounts.test(other)
                        && TURN.compare(other, request) < 0))
        .min(
            Comparator.comparing((AppRequest other) -> other.state() != AppRequest.State.RUNNING)
                .thenComparing(TURN))
        .map(this::describe);
  }

  /**
   * Upgrades whose snapshots must stay: still running, or restored from by an unsettled rollback.
   */
  public Set<ObjectRef> protectedUpgrades() {
    Stream<ObjectRef> running =
        requests.stream()
            .filter(
                request ->
                    request.kind() == AppRequest.Kind.UPGRADE
                        && request.state() != AppRequest.State.SETTLED)
            .map(AppRequest::id);
    Stream<ObjectRef> restoring =
        requests.stream()
            .filter(
                request ->
                    request.kind() == AppRequest.Kind.ROLLBACK
                        && request.state() != AppRequest.State.SETTLED)
            .flatMap(request -> request.upgrade().stream());
    return Stream.concat(running, restoring).collect(Collectors.toSet());
  }

  /** The app's latest upgrade, the one its status reports: the newest, then by name. */
  public Optional<ObjectRef> newestUpgrade() {
    return requests.stream()
        .filter(request -> request.kind() == AppRequest.Kind.UPGRADE)
        .max(
            Comparator.comparing(AppRequest::createdAt)
                .thenComparing(request -> request.id().name()))
        .map(AppRequest::id);
  }

  /** Every upgrade that still exists: its snapshots are not orphans. */
  public Set<ObjectRef> knownUpgrades() {
    return requests.stream()
        .filter(request -> request.kind() == AppRequest.Kind.UPGRADE)
        .map(AppRequest::id)
        .collect(Collectors.toSet());
  }

  /**
   * The app's request under way, in words, if one is: storage sizing only records while it runs (no
   * resize under a snapshot or a restore).
   */
  public Optional<String> underWay() {
    return requests.stream()
        .filter(request -> request.state() == AppRequest.State.RUNNING)
        .min(QUEUE)
        .map(
            request ->
                request
                    + " of ManagedApp "
                    + app
                    + " is in "
                    + request.phase().map(phase -> "phase " + phase).orElse("progress")
                    + ": growths wait until it ends");
  }

  private String describe(AppRequest other) {
    String where =
        other.state() == AppRequest.State.RUNNING
            ? other.phase().map(phase -> "phase " + phase).orElse("running")
            : "waiting to start";
    return "waits for " + other + " (" + where + "): one operation at a time on ManagedApp " + app;
  }
}
