package io.harbormaster.embedded.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.PhaseRecord;
import io.harbormaster.core.sizing.VolumeFacts;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's Prometheus metrics: how long each phase took and how it ended, operations by
 * outcome, and reconciles that threw. Also java-operator-sdk's {@link Metrics} hook, which reports
 * the failed reconciles.
 */
public final class OperatorMetrics implements Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** Each storage policy's PVCs as its last pass read them, for the gauges below. */
  private final Map<ObjectRef, List<VolumeFacts>> sizedVolumes = new ConcurrentHashMap<>();

  private final MultiGauge capacity =
      MultiGauge.builder("harbormaster.storage.volume.capacity")
          .description("A PVC's status.capacity, as its StoragePolicy's last pass read it")
          .baseUnit("bytes")
          .register(registry);
  private final MultiGauge used =
      MultiGauge.builder("harbormaster.storage.volume.used")
          .description("A PVC's used bytes as its kubelet reported them; absent while unknown")
          .baseUnit("bytes")
          .register(registry);
  private final MultiGauge known =
      MultiGauge.builder("harbormaster.storage.volume.usage.known")
          .description("1 when a PVC's usage is known, 0 when it is not (the status says why)")
          .register(registry);

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

  /**
   * Records a storage policy's pass: its PVCs' capacity and usage (gauges, replaced each pass) and
   * the growths it made (a counter by policy).
   */
  public synchronized void sized(ObjectRef policy, List<VolumeFacts> volumes, int growthsMade) {
    sizedVolumes.put(policy, List.copyOf(volumes));
    Counter.builder("harbormaster.storage.growths")
        .description("PVC growths a StoragePolicy made")
        .tag("namespace", policy.namespace())
        .tag("policy", policy.name())
        .register(registry)
        .increment(growthsMade);
    List<MultiGauge.Row<?>> capacities = new ArrayList<>();
    List<MultiGauge.Row<?>> usages = new ArrayList<>();
    List<MultiGauge.Row<?>> knowns = new ArrayList<>();
    sizedVolumes.forEach(
        (owner, facts) -> {
          for (VolumeFacts volume : facts) {
            Tags tags =
                Tags.of(
                    "namespace", volume.pvc().namespace(),
                    "pvc", volume.pvc().name(),
                    "policy", owner.name());
            capacities.add(MultiGauge.Row.of(tags, volume.capacityBytes()));
            knowns.add(MultiGauge.Row.of(tags, volume.usage().isPresent() ? 1 : 0));
            volume
                .usage()
                .ifPresent(usage -> usages.add(MultiGauge.Row.of(tags, usage.usedBytes())));
          }
        });
    capacity.register(capacities, true);
    used.register(usages, true);
    known.register(knowns, true);
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }
}
