package io.harbormaster.cli.cluster;

import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.cli.progress.RequestProgress;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.embedded.local.LocalOperations;
import io.harbormaster.embedded.local.OperationListener;
import io.harbormaster.embedded.local.RequestCannotRun;
import io.harbormaster.embedded.local.UpgradeOutcome;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code --local}: the operator's work done by the CLI process ({@link LocalOperations}), each
 * request's timeline printed as it goes.
 */
final class LocalRun {
  private final LocalOperations operations;
  private final PrintWriter out;

  LocalRun(LocalOperations operations, PrintWriter out) {
    this.operations = operations;
    this.out = out;
  }

  /** Runs {@code request} to its end, and then the rollback it asked for, if any. */
  UpgradeOutcome upgrade(UpgradeRequest request) throws InterruptedException {
    try {
      return operations.upgrade(request, new Printed());
    } catch (RequestCannotRun cannot) {
      throw CommandFailure.failed(cannot.getMessage());
    }
  }

  /** Runs {@code request} to its end, from the state its upgrade's status holds. */
  RollbackRequest rollback(RollbackRequest request) throws InterruptedException {
    try {
      return operations.rollback(request, new Printed());
    } catch (RequestCannotRun cannot) {
      String upgrade = request.getSpec().upgrade();
      throw CommandFailure.failed(
          cannot.getMessage()
              + ": see 'hm status "
              + upgrade
              + " -n "
              + request.getMetadata().getNamespace()
              + "'");
    }
  }

  /** Each request's progress as {@code hm upgrade --wait} prints an operator's. */
  private final class Printed implements OperationListener {
    private final Map<ObjectRef, RequestProgress> progress = new HashMap<>();

    @Override
    public void waiting(ObjectRef request, String blocker) {
      out.printf("%s %s%n", request, blocker);
      out.flush();
    }

    @Override
    public void stepped(ObjectRef request, OperationStatus status) {
      progress.computeIfAbsent(request, any -> new RequestProgress(out)).update(status);
    }

    @Override
    public void finished(ObjectRef request, OperationStatus status) {
      progress.computeIfAbsent(request, any -> new RequestProgress(out)).summarize(status);
    }

    @Override
    public void autoRollback(ObjectRef rollback) {
      out.printf("Rollback %s (auto-triggered by the failed upgrade)%n", rollback);
    }
  }
}
