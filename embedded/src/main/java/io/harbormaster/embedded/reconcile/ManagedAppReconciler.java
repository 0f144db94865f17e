package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.harbormaster.api.conditions.Conditions;
import io.harbormaster.api.crd.ManagedAppStatus;
import io.harbormaster.api.crd.PvcItem;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.api.crd.WorkloadItem;
import io.harbormaster.api.mapping.ManagedAppMapper;
import io.harbormaster.core.automation.ImageAutomationSearch;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.engine.CurrentVersion;
import io.harbormaster.core.engine.SnapshotHousekeeping;
import io.harbormaster.core.health.HealthReport;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.operation.RollbackMachine;
import io.harbormaster.core.port.SnapshotRecord;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a ManagedApp's live health (condition Ready), what discovery finds, the Flux image
 * automations that write its file (and those a rollback holds, condition ImageAutomationHeld, which
 * it releases when asked) and the version in git, and applies its snapshot retention, every 30 s
 * and on change.
 */
@ControllerConfiguration(
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 30, timeUnit = TimeUnit.SECONDS),
    // hm resume-automation annotates the app: that must wake it too (SpecOrResumeChanged).
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrResumeChanged.class))
public final class ManagedAppReconciler implements Reconciler<io.harbormaster.api.crd.ManagedApp> {
  static final Duration REFRESH = Duration.ofSeconds(30);
  private static final Duration RELEASE = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(ManagedAppReconciler.class);

  private final Engines engines;

  public ManagedAppReconciler(Engines engines) {
    this.engines = engines;
  }

  /**
   * An upgrade or a rollback that changes phase changes the app's version in git and its
   * lastUpgrade: look at once rather than at the next refresh. A rollback names its app in its
   * status from its first step on (its spec names only the upgrade), which is soon enough: its
   * commit comes later.
   */
  @Override
  public List<EventSource<?, io.harbormaster.api.crd.ManagedApp>> prepareEventSources(
      EventSourceContext<io.harbormaster.api.crd.ManagedApp> context) {
    return List.of(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(
                    UpgradeRequest.class, io.harbormaster.api.crd.ManagedApp.class)
                .withName("upgrades")
                .withSecondaryToPrimaryMapper(
                    upgrade ->
                        upgrade.getSpec() == null || upgrade.getSpec().app() == null
                            ? Set.of()
                            : Set.of(
                                new ResourceID(
                                    upgrade.getSpec().app(), upgrade.getMetadata().getNamespace())))
                .build(),
            context),
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(
                    RollbackRequest.class, io.harbormaster.api.crd.ManagedApp.class)
                .withName("rollbacks")
                .withSecondaryToPrimaryMapper(
                    rollback ->
                        rollback.getStatus() == null || rollback.getStatus().app() == null
                            ? Set.of()
                            : Set.of(
                                new ResourceID(
                                    rollback.getStatus().app().name(),
                                    rollback.getStatus().app().namespace())))
                .build(),
            context));
  }

  @Override
  public UpdateControl<io.harbormaster.api.crd.ManagedApp> reconcile(
      io.harbormaster.api.crd.ManagedApp resource,
      Context<io.harbormaster.api.crd.ManagedApp> context) {
    Instant now = engines.clock().instant();
    ManagedAppStatus previous = resource.getStatus();
    Conditions conditions = new Conditions(previous == null ? null : previous.conditions(), now);
    List<PvcItem> pvcs = null;
    List<WorkloadItem> workloads = null;
    String currentVersion = previous == null ? null : previous.currentVersion();
    String lastUpgrade = null;
    List<String> orphans = null;
    AutomationHoldStatus.Outcome hold =
        new AutomationHoldStatus.Outcome(
            previous == null ? null : previous.resumeAutomationHandled(),
            previous == null ? null : previous.imageAutomationsReleasedUpTo(),
            false);
    Automations automations =
        previous == null
            ? new Automations(null, null)
            : new Automations(previous.imageAutomations(), previous.imageAutomationsSkipped());
    try {
      ManagedApp app = ManagedAppMapper.toCore(resource);
      // The requests before the health: a status that says an upgrade Completed then shows health
      // read after it ended, never health from while it had the workloads stopped.
      AppRequests requests = AppRequests.of(context.getClient(), app.id());
      lastUpgrade =
          requests.newestUpgrade().map(upgrade -> describe(upgrade, requests)).orElse(null);
      automations = imageAutomations(app, automations);
      hold =
          AutomationHoldStatus.update(
              engines.heldImageAutomations(app), app, resource, requests.operations(), conditions);
      AppTargets targets = engines.discovery(app).discover(app);
      pvcs =
          targets.volumes().stream()
              .map(v -> new PvcItem(v.pvc().namespace(), v.pvc().name(), v.reason()))
              .collect(Collectors.toList());
      workloads =
          targets.workloads().stream()
              .map(
                  w ->
                      new WorkloadItem(
                          w.ref().kind().kind(),
                          w.ref().object().namespace(),
                          w.ref().object().name(),
                          w.reason()))
              .collect(Collectors.toList());
      HealthReport report = engines.health(app).check(app, targets);
      conditions.set(
          "Ready", report.healthy(), report.healthy() ? "Healthy" : "Unhealthy", report.summary());
      currentVersion = readVersion(app, conditions).orElse(currentVersion);
      orphans = housekeeping(app, requests);
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
            automations.writers(),
            automations.skipped(),
            currentVersion,
            lastUpgrade,
            orphans,
            hold.resumeHandled(),
            hold.releasedUpTo(),
            resource.getMetadata().getGeneration()));
    // A release under way resumes once the ImagePolicy has picked again: look soon.
    return UpdateControl.patchStatus(resource).rescheduleAfter(hold.again() ? RELEASE : REFRESH);
  }

  /** The image automations of a status: those that write the app's file, and what was skipped. */
  private record Automations(List<String> writers, List<String> skipped) {}

  /**
   * The image automations that write the app's file. An API server that does not answer keeps those
   * found before (nothing says they went away) and says why beside them, without failing the rest
   * of the status.
   */
  private Automations imageAutomations(ManagedApp app, Automations before) {
    try {
      ImageAutomationSearch search = engines.imageAutomations(app).writingTo(app);
      return new Automations(search.writerNames(), search.skipped());
    } catch (RuntimeException unreadable) {
      return new Automations(
          before.writers(),
          List.of("the image automations could not be read: " + unreadable.getMessage()));
    }
  }

  /** The version in git; a git host that does not answer is a condition, not a failed reconcile. */
  private java.util.Optional<String> readVersion(ManagedApp app, Conditions conditions) {
    try {
      String version = CurrentVersion.of(engines.gitFor(app), app);
      conditions.set("GitReadable", true, "Read", "spec.git.versionPath holds " + version);
      return java.util.Optional.of(version);
    } catch (RuntimeException unreadable) {
      conditions.set("GitReadable", false, "ReadFailed", unreadable.getMessage());
      return java.util.Optional.empty();
    }
  }

  /** Applies the retention and names the snapshots left whose upgrade request is gone. */
  private List<String> housekeeping(ManagedApp app, AppRequests requests) {
    SnapshotHousekeeping.Result result =
        new SnapshotHousekeeping(engines.snapshots(app), engines.clock(), engines.tenancy())
            .run(app, requests.queue().protectedUpgrades(), requests.queue().knownUpgrades());
    result
        .deleted()
        .forEach(
            deleted ->
                LOG.info(
                    "retention deleted VolumeSnapshot {} of upgrade {}",
                    deleted.snapshot(),
                    deleted.operation()));
    return result.orphans().stream()
        .map(SnapshotRecord::snapshot)
        .map(Object::toString)
        .sorted()
        .collect(Collectors.toList());
  }

  /**
   * {@code pg-15-2: Completed}, and {@code , rolled back by pg-15-2-rollback} once a rollback undid
   * it: the version in git is then the one from before it.
   */
  private static String describe(UpgradeRequest upgrade, AppRequests requests) {
    String phase =
        upgrade.getStatus() == null || upgrade.getStatus().phase() == null
            ? "Pending"
            : upgrade.getStatus().phase();
    ObjectRef ref =
        ObjectRef.of(upgrade.getMetadata().getNamespace(), upgrade.getMetadata().getName());
    String undone =
        RollbackMachine.undoneBy(requests.rollbacksOf(ref))
            .map(rollback -> ", rolled back by " + rollback.id().request().name())
            .orElse("");
    return upgrade.getMetadata().getName() + ": " + phase + undone;
  }
}
