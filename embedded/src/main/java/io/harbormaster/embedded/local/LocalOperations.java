package io.harbormaster.embedded.local;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.api.mapping.ManagedAppMapper;
import io.harbormaster.api.mapping.OperationStatusMapper;
import io.harbormaster.api.mapping.RequestMapper;
import io.harbormaster.core.engine.OperationDriver;
import io.harbormaster.core.engine.OperationRunner;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.PhaseMachine;
import io.harbormaster.core.operation.RollbackMachine;
import io.harbormaster.core.operation.UpgradeMachine;
import io.harbormaster.embedded.reconcile.AppLock;
import io.harbormaster.embedded.reconcile.RollbackRequestCreator;
import io.harbormaster.embedded.reconcile.RollbacksOfUpgrade;
import io.harbormaster.health.WatchingChangeNotifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The operator's work done by the calling process ({@code hm --local}, or a Java program): the same
 * phase machines on the same adapters, driven by {@link OperationDriver} and woken by watches. Each
 * step is written to the request's status, so the request reads as if an operator had run it. An
 * upgrade that asks for its auto-rollback gets the operator's {@code <upgrade>-rollback} request,
 * which is run here next. One operation at a time per app: a run waits its turn behind a request
 * running on the app (see {@link io.harbormaster.core.queue.AppQueue#blockerOfALocalRun}).
 */
public final class LocalOperations {
  /** A bound on a missed wake-up, not a poll interval: watches wake the driver sooner. */
  private static final Duration GUARD = Duration.ofSeconds(30);

  /** How often a request waiting for its turn looks at the app's queue again. */
  private static final Duration TURN_POLL = Duration.ofSeconds(1);

  private final KubernetesClient client;
  private final OperationRunner runner;
  private final Clock clock;
  private final AppLock queue;

  /** Runs on {@code runner}, reading and writing the requests with {@code client}. */
  public LocalOperations(KubernetesClient client, OperationRunner runner, Clock clock) {
    this.client = client;
    this.runner = runner;
    this.clock = clock;
    this.queue = new AppLock(client);
  }

  /**
   * Runs {@code request}, which exists in the cluster, to its end, and then the rollback it asked
   * for, if any.
   *
   * @throws RequestCannotRun when its app does not exist
   */
  public UpgradeOutcome upgrade(UpgradeRequest request, OperationListener listener)
      throws InterruptedException {
    String namespace = request.getMetadata().getNamespace();
    io.harbormaster.core.model.ManagedApp app = app(namespace, request.getSpec().app());
    UpgradeMachine machine = new UpgradeMachine(app, RequestMapper.toCore(request));
    UpgradeRequest upgraded =
        drive(
            app,
            machine,
            () -> machine.start(clock.instant()),
            upgradeResource(refOf(request)),
            listener);
    if (!Boolean.TRUE.equals(upgraded.getStatus().rollbackRequested())) {
      return new UpgradeOutcome(upgraded, Optional.empty());
    }
    ObjectRef rollback =
        ObjectRef.of(namespace, upgraded.getMetadata().getName() + RollbackRequestCreator.SUFFIX);
    listener.autoRollback(rollback);
    return new UpgradeOutcome(
        upgraded, Optional.of(rollback(rollbackResource(rollback).get(), listener)));
  }

  /**
   * Runs {@code request}, which exists in the cluster, to its end, from the state its upgrade's
   * status holds.
   *
   * @throws RequestCannotRun when its upgrade or app does not exist, or the upgrade never started
   */
  public RollbackRequest rollback(RollbackRequest request, OperationListener listener)
      throws InterruptedException {
    io.harbormaster.core.model.RollbackRequest rollback = RequestMapper.toCore(request);
    ObjectRef upgradeRef = rollback.upgrade();
    UpgradeRequest upgradeRequest = upgradeResource(upgradeRef).get();
    if (upgradeRequest == null) {
      throw new RequestCannotRun("UpgradeRequest " + upgradeRef + " not found");
    }
    OperationState upgrade =
        OperationStatusMapper.toState(OperationId.upgrade(upgradeRef), upgradeRequest.getStatus())
            .orElseThrow(
                () ->
                    new RequestCannotRun(
                        "UpgradeRequest "
                            + upgradeRef
                            + " has not started, so there is nothing to roll back"));
    io.harbormaster.core.model.ManagedApp app = app(upgradeRef.namespace(), upgrade.app().name());
    RollbackMachine machine = new RollbackMachine(app, rollback);
    return drive(
        app,
        machine,
        () -> machine.start(upgrade, RollbacksOfUpgrade.of(client, upgradeRef), clock.instant()),
        rollbackResource(refOf(request)),
        listener);
  }

  private <R extends CustomResource<?, OperationStatus>> R drive(
      io.harbormaster.core.model.ManagedApp app,
      PhaseMachine machine,
      Supplier<OperationState> starting,
      Resource<R> request,
      OperationListener listener)
      throws InterruptedException {
    ObjectRef ref = refOf(request.get());
    // Started only in its turn: its first phase's clock, and what it reads, begin then.
    awaitTurn(app.id(), request, ref, listener);
    OperationState start = starting.get();
    StatusWriter<R> status = new StatusWriter<>(request, clock);
    listener.stepped(ref, status.write(start));
    try (WatchingChangeNotifier changes =
        WatchingChangeNotifier.forNamespaces(client, namespaces(app))) {
      new OperationDriver(runner, changes, clock, GUARD)
          .run(app, machine, start, step -> listener.stepped(ref, status.write(step.state())));
    }
    R done = request.get();
    listener.finished(ref, done.getStatus());
    return done;
  }

  /**
   * Waits while another request runs on the app or an auto-triggered rollback waits to finish its
   * failed upgrade. A request merely waiting for an operator is not waited for: there may be none.
   */
  private <R extends CustomResource<?, OperationStatus>> void awaitTurn(
      ObjectRef app, Resource<R> request, ObjectRef ref, OperationListener listener)
      throws InterruptedException {
    Optional<String> told = Optional.empty();
    for (Optional<String> blocker = queue.blockerOfALocalRun(request.get(), app);
        blocker.isPresent();
        blocker = queue.blockerOfALocalRun(request.get(), app)) {
      if (!blocker.equals(told)) {
        listener.waiting(ref, blocker.get());
        told = blocker;
      }
      Thread.sleep(TURN_POLL.toMillis());
    }
  }

  private io.harbormaster.core.model.ManagedApp app(String namespace, String name) {
    ManagedApp app = client.resources(ManagedApp.class).inNamespace(namespace).withName(name).get();
    if (app == null) {
      throw new RequestCannotRun("ManagedApp " + namespace + "/" + name + " not found");
    }
    return ManagedAppMapper.toCore(app);
  }

  private Resource<UpgradeRequest> upgradeResource(ObjectRef ref) {
    return client.resources(UpgradeRequest.class).inNamespace(ref.namespace()).withName(ref.name());
  }

  private Resource<RollbackRequest> rollbackResource(ObjectRef ref) {
    return client
        .resources(RollbackRequest.class)
        .inNamespace(ref.namespace())
        .withName(ref.name());
  }

  private static ObjectRef refOf(CustomResource<?, ?> request) {
    return ObjectRef.of(request.getMetadata().getNamespace(), request.getMetadata().getName());
  }

  /** Where the app's Flux objects live and the app itself: what an operation on it observes. */
  private static Set<String> namespaces(io.harbormaster.core.model.ManagedApp app) {
    Set<String> namespaces = new TreeSet<>();
    namespaces.add(app.id().namespace());
    app.flux().objects().stream()
        .map(FluxRef::object)
        .map(ObjectRef::namespace)
        .forEach(namespaces::add);
    return namespaces;
  }
}
