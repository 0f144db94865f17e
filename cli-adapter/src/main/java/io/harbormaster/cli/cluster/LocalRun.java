package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.api.mapping.ManagedAppMapper;
import io.harbormaster.api.mapping.OperationStatusMapper;
import io.harbormaster.api.mapping.RequestMapper;
import io.harbormaster.cli.progress.RequestProgress;
import io.harbormaster.cli.progress.UpgradeFollower.Outcome;
import io.harbormaster.core.engine.OperationDriver;
import io.harbormaster.core.engine.OperationRunner;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.PhaseMachine;
import io.harbormaster.core.operation.RollbackMachine;
import io.harbormaster.core.operation.UpgradeMachine;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.gitops.JGitOps;
import io.harbormaster.gitops.auth.CredentialsSource;
import io.harbormaster.health.WatchingChangeNotifier;
import io.harbormaster.operator.reconcile.AppLock;
import io.harbormaster.operator.reconcile.Engines;
import io.harbormaster.operator.reconcile.RollbackRequestCreator;
import io.harbormaster.operator.reconcile.RollbacksOfUpgrade;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code --local}: the operator's work done by the CLI process. The same phase machines run on the
 * same adapters (as the operator's engines wire them, git credentials from the environment), driven
 * by {@link OperationDriver} and woken by watches; each step is written to the request's status, so
 * the request reads as if an operator had run it. An upgrade that asks for its auto-rollback gets
 * the operator's {@code <upgrade>-rollback} request, which is run here next.
 */
final class LocalRun {
  /** A bound on a missed wake-up, not a poll interval: watches wake the driver sooner. */
  private static final Duration GUARD = Duration.ofSeconds(30);

  /** How often a request waiting for its turn looks at the app's queue again. */
  private static final Duration TURN_POLL = Duration.ofSeconds(1);

  private final Cluster cluster;
  private final OperationRunner runner;
  private final PrintWriter out;
  private final Clock clock;
  private final AppLock queue;

  LocalRun(
      Cluster cluster,
      GitOpsSettings git,
      CredentialsSource credentials,
      PrintWriter out,
      Clock clock) {
    this.cluster = cluster;
    // The user's own credentials, and so their RBAC, bound a local run; the operator's tenancy rule
    // does not.
    this.runner =
        new OperationRunner(
            Engines.ports(
                cluster.client(), clock, new JGitOps(git, credentials), Tenancy.ofLocalRun()));
    this.out = out;
    this.clock = clock;
    this.queue = new AppLock(cluster.client());
  }

  /** Runs {@code request} to its end, and then the rollback it asked for, if any. */
  Outcome upgrade(UpgradeRequest request) throws InterruptedException {
    ManagedApp app = ManagedAppMapper.toCore(cluster.app(request.getSpec().app()));
    UpgradeMachine machine = new UpgradeMachine(app, RequestMapper.toCore(request));
    UpgradeRequest upgraded =
        drive(
            app,
            machine,
            () -> machine.start(clock.instant()),
            cluster.upgrade(request.getMetadata().getName()));
    if (!Boolean.TRUE.equals(upgraded.getStatus().rollbackRequested())) {
      return new Outcome(upgraded, Optional.empty());
    }
    String rollbackName = upgraded.getMetadata().getName() + RollbackRequestCreator.SUFFIX;
    out.printf(
        "Rollback %s/%s (auto-triggered by the failed upgrade)%n",
        cluster.namespace(), rollbackName);
    return new Outcome(upgraded, Optional.of(rollback(cluster.rollback(rollbackName).get())));
  }

  /** Runs {@code request} to its end, from the state its upgrade's status holds. */
  RollbackRequest rollback(RollbackRequest request) throws InterruptedException {
    io.harbormaster.core.model.RollbackRequest rollback = RequestMapper.toCore(request);
    ObjectRef upgradeRef = rollback.upgrade();
    OperationState upgrade =
        OperationStatusMapper.toState(
                OperationId.upgrade(upgradeRef),
                cluster.existingUpgrade(upgradeRef.name()).getStatus())
            .orElseThrow(
                () ->
                    CommandFailure.failed(
                        "UpgradeRequest "
                            + upgradeRef
                            + " has not started, so there is nothing to roll back: see 'hm status "
                            + upgradeRef.name()
                            + " -n "
                            + upgradeRef.namespace()
                            + "'"));
    ManagedApp app = ManagedAppMapper.toCore(cluster.app(upgrade.app().name()));
    RollbackMachine machine = new RollbackMachine(app, rollback);
    return drive(
        app,
        machine,
        () ->
            machine.start(
                upgrade, RollbacksOfUpgrade.of(cluster.client(), upgradeRef), clock.instant()),
        cluster.rollback(request.getMetadata().getName()));
  }

  private <R extends CustomResource<?, OperationStatus>> R drive(
      ManagedApp app, PhaseMachine machine, Supplier<OperationState> starting, Resource<R> request)
      throws InterruptedException {
    // Started only in its turn: its first phase's clock, and what it reads, begin then.
    awaitTurn(app, request);
    OperationState start = starting.get();
    StatusWriter<R> status = new StatusWriter<>(request, clock);
    RequestProgress progress = new RequestProgress(out);
    progress.update(status.write(start));
    try (WatchingChangeNotifier changes =
        WatchingChangeNotifier.forNamespaces(cluster.client(), namespaces(app))) {
      new OperationDriver(runner, changes, clock, GUARD)
          .run(app, machine, start, step -> progress.update(status.write(step.state())));
    }
    R done = request.get();
    progress.summarize(done.getStatus());
    return done;
  }

  /**
   * Waits, saying for what, while another request runs on the app or an auto-triggered rollback
   * waits to finish its failed upgrade: one operation at a time per app. A request merely waiting
   * for an operator is not waited for: there may be none.
   */
  private <R extends CustomResource<?, OperationStatus>> void awaitTurn(
      ManagedApp app, Resource<R> request) throws InterruptedException {
    Optional<String> said = Optional.empty();
    for (Optional<String> blocker = queue.blockerOfALocalRun(request.get(), app.id());
        blocker.isPresent();
        blocker = queue.blockerOfALocalRun(request.get(), app.id())) {
      if (!blocker.equals(said)) {
        out.printf(
            "%s/%s %s%n",
            request.get().getMetadata().getNamespace(),
            request.get().getMetadata().getName(),
            blocker.get());
        out.flush();
        said = blocker;
      }
      Thread.sleep(TURN_POLL.toMillis());
    }
  }

  /** Where the app's Flux objects live and the app itself: what an operation on it observes. */
  private static Set<String> namespaces(ManagedApp app) {
    Set<String> namespaces = new TreeSet<>();
    namespaces.add(app.id().namespace());
    app.flux().objects().stream()
        .map(FluxRef::object)
        .map(ObjectRef::namespace)
        .forEach(namespaces::add);
    return namespaces;
  }
}
