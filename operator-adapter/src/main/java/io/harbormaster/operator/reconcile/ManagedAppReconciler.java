package io.harbormaster.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.health.HealthReport;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.port.AppDiscovery;
import io.harbormaster.health.LiveHealth;
import io.harbormaster.operator.crd.ManagedAppStatus;
import io.harbormaster.operator.crd.PvcItem;
import io.harbormaster.operator.crd.WorkloadItem;
import io.harbormaster.operator.mapping.ManagedAppMapper;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Reports a ManagedApp's live health (condition Ready) and what discovery finds, every 30 s and on change. */
@ControllerConfiguration(maxReconciliationInterval = @MaxReconciliationInterval(interval = 30, timeUnit = TimeUnit.SECONDS))
public final class ManagedAppReconciler implements Reconciler<io.harbormaster.operator.crd.ManagedApp> {
  static final Duration REFRESH = Duration.ofSeconds(30);

  private final AppDiscovery discovery;
  private final LiveHealth health;
  private final Clock clock;

  public ManagedAppReconciler(AppDiscovery discovery, LiveHealth health, Clock clock) {
    this.discovery = discovery;
    this.health = health;
    this.clock = clock;
  }

  @Override
  public UpdateControl<io.harbormaster.operator.crd.ManagedApp> reconcile(
      io.harbormaster.operator.crd.ManagedApp resource, Context<io.harbormaster.operator.crd.ManagedApp> context) {
    Instant now = clock.instant();
    ManagedAppStatus previous = resource.getStatus();
    Conditions conditions = new Conditions(previous == null ? null : previous.conditions(), now);
    List<PvcItem> pvcs = null;
    List<WorkloadItem> workloads = null;
    try {
      ManagedApp app = ManagedAppMapper.toCore(resource);
      AppTargets targets = discovery.discover(app);
      pvcs = targets.volumes().stream()
          .map(v -> new PvcItem(v.pvc().namespace(), v.pvc().name(), v.reason()))
          .collect(Collectors.toList());
      workloads = targets.workloads().stream()
          .map(w -> new WorkloadItem(w.ref().kind().kind(), w.ref().object().namespace(), w.ref().object().name(), w.reason()))
          .collect(Collectors.toList());
      HealthReport report = health.check(app, targets);
      conditions.set("Ready", report.healthy(), report.healthy() ? "Healthy" : "Unhealthy", report.summary());
    } catch (InvalidSpecException invalid) {
      conditions.set("Ready", false, "InvalidSpec", invalid.getMessage());
    } catch (RuntimeException unreadable) {
      conditions.set("Ready", false, "CheckFailed", unreadable.getMessage());
    }
    List<Condition> list = conditions.list();
    resource.setStatus(
        new ManagedAppStatus(
            list,
            pvcs,
            workloads,
            previous == null ? null : previous.currentVersion(),
            previous == null ? null : previous.lastUpgrade(),
            resource.getMetadata().getGeneration()));
    return UpdateControl.patchStatus(resource).rescheduleAfter(REFRESH);
  }
}
