package io.harbormaster.health;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.health.HealthReport;
import io.harbormaster.core.health.HealthRule;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.port.FluxReader;
import io.harbormaster.core.port.WorkloadReader;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The app's health now: reads every Flux object and workload of the app live (never a condition
 * cached from an earlier look) and judges them with the core's {@link HealthRule}.
 */
public final class LiveHealth {
  private final FluxReader flux;
  private final WorkloadReader workloads;

  public LiveHealth(KubernetesClient client) {
    this(new KubernetesFluxReader(client), new KubernetesWorkloadReader(client));
  }

  public LiveHealth(FluxReader flux, WorkloadReader workloads) {
    this.flux = Objects.requireNonNull(flux, "flux");
    this.workloads = Objects.requireNonNull(workloads, "workloads");
  }

  /** Health of the app's Flux objects and the workloads discovery found for it. */
  public HealthReport check(ManagedApp app, AppTargets targets) {
    return check(app.flux(), targets.workloadRefs());
  }

  public HealthReport check(FluxSource source, Collection<WorkloadRef> workloadRefs) {
    List<FluxStatus> fluxStatus =
        source.objects().stream().map(flux::status).collect(Collectors.toList());
    return HealthRule.evaluate(fluxStatus, workloads.status(workloadRefs));
  }
}
