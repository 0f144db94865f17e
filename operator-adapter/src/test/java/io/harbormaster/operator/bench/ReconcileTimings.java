package io.harbormaster.operator.bench;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.embedded.runtime.OperatorMetrics;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Times every reconcile of an operator through java-operator-sdk's {@link Metrics} hooks: the time
 * inside the reconciler ({@code timeControllerExecution}) and the whole execution around it, which
 * adds the SDK's own status patch and finalizer handling. {@link OperatorMetrics} is final and is
 * what the operator takes, so a Mockito spy wraps those hooks and leaves every other call to the
 * real one.
 */
public final class ReconcileTimings {
  /**
   * One reconcile. {@code stepped} is the phase its request was in when it started (the phase whose
   * step it ran; {@code New} before the first status), or the kind for resources without phases.
   */
  public record Execution(String stepped, long reconcilerNanos, long executionNanos) {}

  private record Running(String stepped, long startedNanos, long[] reconcilerNanos) {}

  private final ThreadLocal<Running> running = new ThreadLocal<>();
  private final List<Execution> executions = new ArrayList<>();
  private final OperatorMetrics metrics = spy(new OperatorMetrics());

  public ReconcileTimings() {
    try {
      // The SDK calls these three on the reconciling thread: started, the reconciler, finished.
      doAnswer(call -> started(call.getArgument(0)))
          .when(metrics)
          .reconciliationExecutionStarted(any(), any());
      doAnswer(call -> finished()).when(metrics).reconciliationExecutionFinished(any(), any());
      doAnswer(
              call -> {
                long start = System.nanoTime();
                try {
                  return call.callRealMethod();
                } finally {
                  Running current = running.get();
                  if (current != null) {
                    current.reconcilerNanos()[0] += System.nanoTime() - start;
                  }
                }
              })
          .when(metrics)
          .timeControllerExecution(any());
    } catch (Exception cannotHappen) {
      // timeControllerExecution declares Exception; stubbing it calls nothing.
      throw new IllegalStateException(cannotHappen);
    }
  }

  /** What to hand the operator. */
  public OperatorMetrics metrics() {
    return metrics;
  }

  /** The reconciles finished since the last call. */
  public synchronized List<Execution> drain() {
    List<Execution> drained = List.copyOf(executions);
    executions.clear();
    return drained;
  }

  private Void started(HasMetadata resource) {
    running.set(new Running(stepped(resource), System.nanoTime(), new long[1]));
    return null;
  }

  private Void finished() {
    Running current = running.get();
    // The SDK also calls finished for executions it skipped before calling started.
    if (current != null) {
      running.remove();
      Execution execution =
          new Execution(
              current.stepped(),
              current.reconcilerNanos()[0],
              System.nanoTime() - current.startedNanos());
      synchronized (this) {
        executions.add(execution);
      }
    }
    return null;
  }

  private static String stepped(HasMetadata resource) {
    OperationStatus status;
    if (resource instanceof UpgradeRequest upgrade) {
      status = upgrade.getStatus();
    } else if (resource instanceof RollbackRequest rollback) {
      status = rollback.getStatus();
    } else {
      return resource.getKind();
    }
    return status == null || status.phase() == null ? "New" : status.phase();
  }
}
