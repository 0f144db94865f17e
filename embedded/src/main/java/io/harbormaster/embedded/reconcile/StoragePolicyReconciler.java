package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.conditions.Conditions;
import io.harbormaster.api.crd.StoragePolicy;
import io.harbormaster.api.crd.StoragePolicyStatus;
import io.harbormaster.api.mapping.StoragePolicyStatusMapper;
import io.harbormaster.control.KubernetesEventRecorder;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.port.EventRecorder;
import io.harbormaster.core.sizing.ActionLedger;
import io.harbormaster.core.sizing.Bytes;
import io.harbormaster.core.sizing.Growth;
import io.harbormaster.core.sizing.GrowthKind;
import io.harbormaster.core.sizing.MaintenanceWindow;
import io.harbormaster.core.sizing.SizingDecision;
import io.harbormaster.core.sizing.SizingPass;
import io.harbormaster.sizing.pvc.PvcResizer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a StoragePolicy: every interval, reads its PVCs with their usage, lets core's {@link
 * SizingPass} decide, grows the PVCs due and records the growths in the status, which is the
 * budget's ledger. A growth is recorded before the PVC is patched and taken back if the patch
 * fails, so an operator that stops in between counts a growth at most once too often, never too
 * seldom.
 */
@ControllerConfiguration
public final class StoragePolicyReconciler implements Reconciler<StoragePolicy> {
  private final KubernetesClient client;
  private final Clock clock;
  private final Duration interval;
  private final StoragePolicyPlanner planner;
  private final PvcResizer resizer;
  private final KubernetesEventRecorder events;

  public StoragePolicyReconciler(KubernetesClient client, Clock clock, Duration interval) {
    this.client = client;
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
    StoragePolicyStatus status;
    try {
      StoragePolicyPlanner.Plan plan = planner.plan(resource);
      SizingPass pass = plan.pass();
      ActionLedger spent = grow(resource, pass);
      announceChanges(resource, previous, pass);
      conditions.set("Ready", true, "Sized", summary(pass));
      status =
          new StoragePolicyStatus(
              conditions.list(),
              pass.verdicts().size(),
              StoragePolicyStatusMapper.volumes(pass, spent),
              StoragePolicyStatusMapper.growths(spent),
              StoragePolicyStatusMapper.budget(plan.policy(), spent, plan.at()),
              plan.window().map(MaintenanceWindow::describe).orElse("always open"),
              resource.getMetadata().getGeneration());
    } catch (InvalidSpecException invalid) {
      conditions.set("Ready", false, "InvalidPolicy", invalid.getMessage());
      status = previous.withConditions(conditions.list(), resource.getMetadata().getGeneration());
    } catch (RuntimeException failed) {
      conditions.set("Ready", false, "PassFailed", String.valueOf(failed.getMessage()));
      status = previous.withConditions(conditions.list(), resource.getMetadata().getGeneration());
    }
    resource.setStatus(status);
    return UpdateControl.patchStatus(resource).rescheduleAfter(interval);
  }

  /**
   * Grows what the pass decided, each recorded in the status first; returns the ledger of the
   * growths that were made.
   */
  private ActionLedger grow(StoragePolicy resource, SizingPass pass) {
    ObjectRef policy =
        ObjectRef.of(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    if (pass.growths().isEmpty()) {
      return pass.ledger();
    }
    recordLedger(resource, pass.ledger());
    ActionLedger made = pass.ledger();
    for (Growth growth : pass.growths()) {
      String what =
          growth.pvc().name()
              + " from "
              + Bytes.show(growth.fromBytes())
              + " to "
              + Bytes.show(growth.toBytes());
      try {
        resizer.grow(growth.pvc(), growth.toBytes());
        events.recordOn(
            StoragePolicy.class,
            policy,
            EventRecorder.Type.NORMAL,
            growth.kind() == GrowthKind.EMERGENCY ? "EmergencyGrowth" : "Growth",
            "growing " + what);
      } catch (RuntimeException refused) {
        made = without(made, growth);
        events.recordOn(
            StoragePolicy.class,
            policy,
            EventRecorder.Type.WARNING,
            "GrowthFailed",
            "could not grow " + what + ": " + refused.getMessage());
      }
    }
    return made;
  }

  /** Records the growths about to be made in the status, with no other change to it. */
  private void recordLedger(StoragePolicy resource, ActionLedger ledger) {
    StoragePolicy recording = new StoragePolicy();
    recording.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(resource.getMetadata().getNamespace())
            .withName(resource.getMetadata().getName())
            .build());
    recording.setStatus(
        Optional.ofNullable(resource.getStatus())
            .orElse(StoragePolicyStatus.NONE)
            .withGrowths(StoragePolicyStatusMapper.growths(ledger)));
    client.resource(recording).patchStatus();
  }

  /**
   * An Event for each PVC whose growth is newly queued or refused (at the limit, or unable to
   * grow), once per change rather than every pass.
   */
  private void announceChanges(
      StoragePolicy resource, StoragePolicyStatus previous, SizingPass pass) {
    Map<String, String> before =
        Optional.ofNullable(previous.volumes()).orElse(List.of()).stream()
            .collect(
                Collectors.toMap(
                    StoragePolicyStatus.VolumeItem::name,
                    item -> String.valueOf(item.decision()),
                    (one, other) -> one));
    ObjectRef policy =
        ObjectRef.of(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    for (SizingPass.Verdict verdict : pass.verdicts()) {
      String name = verdict.volume().pvc().name();
      SizingDecision decision = verdict.decision();
      if (decision.getClass().getSimpleName().equals(before.get(name))) {
        continue;
      }
      if (decision instanceof SizingDecision.Queued) {
        events.recordOn(
            StoragePolicy.class,
            policy,
            EventRecorder.Type.NORMAL,
            "GrowthQueued",
            name + ": " + decision.why());
      } else if (decision instanceof SizingDecision.AtLimit
          || decision instanceof SizingDecision.NotGrowable) {
        events.recordOn(
            StoragePolicy.class,
            policy,
            EventRecorder.Type.WARNING,
            decision instanceof SizingDecision.AtLimit ? "AtLimit" : "CannotGrow",
            name + ": " + decision.why());
      }
    }
  }

  private static ActionLedger without(ActionLedger ledger, Growth failed) {
    return ActionLedger.builder()
        .addAllGrowths(ledger.growths().stream().filter(growth -> !growth.equals(failed)).toList())
        .build();
  }

  private static String summary(SizingPass pass) {
    return pass.verdicts().size() + " PVCs, " + pass.growths().size() + " growing now";
  }
}
