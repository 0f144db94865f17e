package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.harbormaster.api.conditions.RequestConditions;
import io.harbormaster.api.crd.DrivenBy;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.mapping.OperationStatusMapper;
import io.harbormaster.core.engine.StepResult;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.redaction.Redaction;
import io.harbormaster.embedded.credentials.MissingCredentialsException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one engine step per reconcile and persists the state in the request's status. The reconciler
 * sees every event, deletions included, and keeps its own finalizer only while a real (not dry-run)
 * operation is unfinished: a request deleted mid-flight fails with "request deleted" and steps
 * until Flux is resumed and the workloads are back (and, past its commit, until the auto-rollback
 * it handed over to has ended), and only then lets the request go. (java-operator-sdk's Cleaner
 * cannot do this: it re-adds its finalizer to every resource, dry runs included.)
 */
@ControllerConfiguration(triggerReconcilerOnAllEvents = true)
abstract class OperationReconciler<R extends CustomResource<?, OperationStatus>>
    implements Reconciler<R> {
  static final String FINALIZER = "harbormaster.io/operation";

  /** A bound on a missed wake-up, not a poll interval: watches wake the request sooner. */
  static final Duration GUARD = Duration.ofSeconds(30);

  /**
   * How often an operation acting as its app's ServiceAccount looks again while it waits: the
   * operator has no watch on such an app's objects (as Flux's kustomize-controller polls its health
   * checks).
   */
  static final Duration POLL = Duration.ofSeconds(2);

  /** A step that made progress steps again at once; this only lets the status write land first. */
  private static final Duration AGAIN = Duration.ofMillis(10);

  private static final Logger LOG = LoggerFactory.getLogger(OperationReconciler.class);

  private final RequestKind<R> kind;
  private final Engines engines;
  private final ManagedApps apps;
  private final AppLock lock;

  OperationReconciler(RequestKind<R> kind, Engines engines, ManagedApps apps, AppLock lock) {
    this.kind = kind;
    this.engines = engines;
    this.apps = apps;
    this.lock = lock;
  }

  @Override
  public UpdateControl<R> reconcile(R request, Context<R> context) {
    if (context.isPrimaryResourceDeleted()) {
      return UpdateControl.noUpdate();
    }
    Optional<String> driver = DrivenBy.other(request);
    if (driver.isPresent()) {
      LOG.debug("{} is driven by {}, not by the operator", kind.id(request), driver.get());
      return UpdateControl.noUpdate();
    }
    Instant now = engines.clock().instant();
    Optional<OperationState> persisted =
        OperationStatusMapper.toState(kind.id(request), request.getStatus());
    if (persisted.map(OperationState::finished).orElse(false)
        || RequestConditions.refused(request.getStatus())) {
      if (persisted.isPresent() && kind.waitsForItsRollback(request, persisted.get())) {
        return UpdateControl.<R>noUpdate().rescheduleAfter(GUARD);
      }
      PrimaryUpdateAndCacheUtils.removeFinalizer(context, FINALIZER);
      return UpdateControl.noUpdate();
    }
    Operation operation;
    ObjectRef app;
    try {
      app = kind.app(request);
      operation = kind.prepare(request, apps, now);
      engines.checkCredentials(operation.app());
    } catch (InvalidSpecException invalid) {
      return rejected(request, context, persisted, "InvalidSpec", invalid.getMessage(), now);
    } catch (MissingCredentialsException missing) {
      return rejected(request, context, persisted, missing.reason(), missing.getMessage(), now);
    } catch (RequestRejected rejected) {
      return rejected(request, context, persisted, rejected.reason(), rejected.getMessage(), now);
    }
    OperationState state;
    if (persisted.isPresent()) {
      state = persisted.get();
    } else if (request.isMarkedForDeletion()) {
      PrimaryUpdateAndCacheUtils.removeFinalizer(context, FINALIZER);
      return UpdateControl.noUpdate();
    } else {
      Optional<String> blocker = lock.blocker(request, app);
      if (blocker.isPresent()) {
        writeStatus(request, context, blockedStatus(request, blocker.get(), now));
        return UpdateControl.noUpdate();
      }
      state = operation.start().get();
    }
    R current = request;
    if (request.isMarkedForDeletion() && !state.phase().terminal()) {
      state = operation.machine().fail(state, "request deleted", now).state();
    } else if (!kind.dryRun(request)) {
      current = PrimaryUpdateAndCacheUtils.addFinalizer(context, FINALIZER);
    }
    StepResult step =
        engines.runnerFor(operation.app()).step(operation.app(), operation.machine(), state);
    OperationState next = step.state();
    engines.metrics().stepped(state, next);
    writeStatus(current, context, status(current, next, now));
    LOG.debug("{} stepped {} -> {}", kind.id(request), state.phase(), next.phase());
    boolean waitsForRollback = next.finished() && kind.waitsForItsRollback(current, next);
    if ((next.finished() || kind.dryRun(request)) && !waitsForRollback) {
      PrimaryUpdateAndCacheUtils.removeFinalizer(
          context.getClient(), latest(context, current), FINALIZER);
    }
    if (next.finished()) {
      return waitsForRollback
          ? UpdateControl.<R>noUpdate().rescheduleAfter(GUARD)
          : UpdateControl.noUpdate();
    }
    Duration wait = step.stepAgainNow(state) ? AGAIN : untilDeadline(step, now);
    return UpdateControl.<R>noUpdate()
        .rescheduleAfter(watchesAppObjects() || wait.compareTo(POLL) < 0 ? wait : POLL);
  }

  /**
   * Whether the operator watches the apps' objects itself (rather than acting as their
   * ServiceAccounts).
   */
  protected boolean watchesAppObjects() {
    return engines.watchesAppObjects();
  }

  private UpdateControl<R> rejected(
      R request,
      Context<R> context,
      Optional<OperationState> persisted,
      String reason,
      String message,
      Instant now) {
    if (persisted.isPresent()) {
      // A started operation is never dropped: its state stays, and it retries until the input is
      // fixed.
      throw new IllegalStateException(kind.id(request) + " cannot continue: " + message);
    }
    List<Condition> previous =
        request.getStatus() == null ? null : request.getStatus().conditions();
    writeStatus(
        request,
        context,
        OperationStatus.notStarted(
            RequestConditions.rejected(reason, message, previous, now),
            Redaction.redact(message),
            request.getMetadata().getGeneration()));
    PrimaryUpdateAndCacheUtils.removeFinalizer(
        context.getClient(), latest(context, request), FINALIZER);
    return UpdateControl.noUpdate();
  }

  private OperationStatus blockedStatus(R request, String message, Instant now) {
    List<Condition> previous =
        request.getStatus() == null ? null : request.getStatus().conditions();
    return OperationStatus.notStarted(
        RequestConditions.blocked(message, previous, now),
        Redaction.redact(message),
        request.getMetadata().getGeneration());
  }

  private static <R extends CustomResource<?, OperationStatus>> OperationStatus status(
      R request, OperationState state, Instant now) {
    List<Condition> previous =
        request.getStatus() == null ? null : request.getStatus().conditions();
    return OperationStatusMapper.toStatus(
        state, RequestConditions.of(state, previous, now), request.getMetadata().getGeneration());
  }

  private void writeStatus(R request, Context<R> context, OperationStatus status) {
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
        request,
        context,
        resource -> {
          resource.setStatus(status);
          return resource;
        });
  }

  /** The request as last written, so a finalizer patch does not fight our own status write. */
  private static <R extends CustomResource<?, OperationStatus>> R latest(
      Context<R> context, R fallback) {
    return context
        .getPrimaryCache()
        .get(io.javaoperatorsdk.operator.processing.event.ResourceID.fromResource(fallback))
        .orElse(fallback);
  }

  private static Duration untilDeadline(StepResult step, Instant now) {
    Duration wait = step.deadline().map(deadline -> Duration.between(now, deadline)).orElse(GUARD);
    if (wait.isNegative() || wait.isZero()) {
      return AGAIN;
    }
    return wait.compareTo(GUARD) < 0 ? wait : GUARD;
  }
}
