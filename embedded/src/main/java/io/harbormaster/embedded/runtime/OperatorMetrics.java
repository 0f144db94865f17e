package io.harbormaster.embedded.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.PhaseRecord;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/**
 * The operator's Prometheus metrics: how long each phase took and how it ended, operations by
 * outcome, and reconciles that threw. Also java-operator-sdk's {@link Metrics} hook, which reports
 * the failed reconciles.
 */
public final class OperatorMetrics implements Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** Records what one engine step finished: phases that ended, and the operation if it ended. */
  public void stepped(OperationState before, OperationState after) {
    String operation = after.id().kind().label();
    for (PhaseRecord ended :
        after
            .history()
            .subList(
                Math.min(before.history().size(), after.history().size()),
                after.history().size())) {
      Timer.builder("harbormaster.phase.duration")
          .description("How long a phase of an upgrade or rollback took")
          .tag("operation", operation)
          .tag("phase", ended.phase().display())
          .tag("outcome", ended.summary().startsWith("failed:") ? "failed" : "done")
          .register(registry)
          .record(ended.duration());
    }
    if (after.finished() && !before.finished()) {
      Counter.builder("harbormaster.operations")
          .description("Upgrades and rollbacks that ended, by outcome")
          .tag("operation", operation)
          .tag("outcome", outcome(after))
          .register(registry)
          .increment();
    }
  }

  private static String outcome(OperationState state) {
    if (state.phase() == Phase.COMPLETED) {
      return "completed";
    }
    return state.rollbackRequested() ? "rolled_back" : "failed";
  }

  @Override
  public void failedReconciliation(
      HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    Counter.builder("harbormaster.reconcile.errors")
        .description("Reconciles that threw; java-operator-sdk retries them")
        .tag("kind", resource.getKind())
        .register(registry)
        .increment();
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }
}
