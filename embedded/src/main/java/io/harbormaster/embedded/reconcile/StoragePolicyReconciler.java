package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.conditions.Conditions;
import io.harbormaster.api.crd.StoragePolicy;
import io.harbormaster.api.crd.StoragePolicyStatus;
import io.harbormaster.api.mapping.StoragePolicyStatusMapper;
import io.harbormaster.control.KubernetesEventRecorder;
import io.harbormaster.core.engine.StoragePass;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.embedded.runtime.OperatorMetrics;
import io.harbormaster.sizing.pvc.PvcResizer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs a StoragePolicy: every interval, reads its PVCs with their usage ({@link
 * StoragePolicyPlanner}), lets core's {@link StoragePass} decide and grow the PVCs due, records the
 * growths in the status (the budget's ledger) and an Event for each growth and each PVC newly
 * queued or refused.
 */
@ControllerConfiguration
public final class StoragePolicyReconciler implements Reconciler<StoragePolicy> {
  private final KubernetesClient client;
  private final Clock clock;
  private final Duration interval;
  private final StoragePolicyPlanner planner;
  private final PvcResizer resizer;
  private final KubernetesEventRecorder events;
  private final OperatorMetrics metrics;

  public StoragePolicyReconciler(
      KubernetesClient client, Clock clock, Duration interval, OperatorMetrics metrics) {
    this.client = client;
    this.metrics = metrics;
    this.clock = clock;
    this.interval = interval;
    this.planner = new StoragePolicyPlanner(client, clock);
    this.resizer = new PvcResizer(client);
    this.events = new KubernetesEventRecorder(client);
  }

  @Override
  public UpdateControl<StoragePolicy> reconcile(
      StoragePolicy resource, Context<StoragePolicy> context) {
    StoragePolicyStatus previous =
        Optional.ofNullable(resource.getStatus()).orElse(StoragePolicyStatus.NONE);
    Conditions conditions = new Conditions(previous.conditions(), clock.instant());
    Long generation = resource.getMetadata().getGeneration();
    StatusWrites writes = new StatusWrites(resource);
    try {
      StoragePolicyPlanner.Plan plan = planner.plan(resource);
      StoragePass.Applied applied =
          StoragePass.apply(
              plan.pass(),
              ledger ->
                  writes.write(previous.withGrowths(StoragePolicyStatusMapper.growths(ledger))),
              resizer);
      announce(
          resource,
          StoragePass.announcements(
              plan.pass(), applied, StoragePolicyStatusMapper.decisions(previous)));
      metrics.sized(policyRef(resource), plan.pass().volumes(), applied.made().size());
      conditions.set("Ready", true, "Sized", plan.pass().summary());
      writes.write(plan.status(conditions.list(), applied.ledger(), generation));
    } catch (InvalidSpecException invalid) {
      conditions.set("Ready", false, "InvalidPolicy", invalid.getMessage());
      writes.write(previous.withConditions(conditions.list(), generation));
    } catch (RuntimeException failed) {
      conditions.set("Ready", false, "PassFailed", String.valueOf(failed.getMessage()));
      writes.write(previous.withConditions(conditions.list(), generation));
    }
    return UpdateControl.<StoragePolicy>noUpdate().rescheduleAfter(interval);
  }

  /**
   * The status writes of one pass, each replacing the whole status (a PUT of the status
   * subresource) on the resource version the write before it returned: the ledger before the PVCs
   * grow, then the pass's status. A merge patch would not do: fabric8's mock API server appends to
   * a list it merges, so the growths would be counted twice.
   */
  private final class StatusWrites {
    private StoragePolicy latest;

    StatusWrites(StoragePolicy resource) {
      this.latest = resource;
    }

    void write(StoragePolicyStatus status) {
      latest.setStatus(status);
      latest = client.resource(latest).updateStatus();
    }
  }

  private static ObjectRef policyRef(StoragePolicy resource) {
    return ObjectRef.of(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
  }

  private void announce(StoragePolicy resource, List<StoragePass.Announcement> all) {
    ObjectRef policy = policyRef(resource);
    for (StoragePass.Announcement announcement : all) {
      events.recordOn(
          StoragePolicy.class,
          policy,
          announcement.type(),
          announcement.reason(),
          announcement.message());
    }
  }
}
