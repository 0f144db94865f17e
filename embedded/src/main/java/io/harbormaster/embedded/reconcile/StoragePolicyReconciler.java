package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.conditions.Conditions;
import io.harbormaster.api.crd.StoragePolicy;
import io.harbormaster.api.crd.StoragePolicySpec;
import io.harbormaster.api.crd.StoragePolicyStatus;
import io.harbormaster.api.mapping.StoragePolicyMapper;
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
import io.harbormaster.core.sizing.SizingPass;
import io.harbormaster.core.sizing.SizingPolicy;
import io.harbormaster.core.sizing.VolumeFacts;
import io.harbormaster.sizing.kubelet.KubeletSummaryUsage;
import io.harbormaster.sizing.pvc.PolicyVolumes;
import io.harbormaster.sizing.pvc.PvcResizer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
  private final PolicyVolumes volumes;
  private final PvcResizer resizer;
  private final KubernetesEventRecorder events;

  public StoragePolicyReconciler(KubernetesClient client, Clock clock, Duration interval) {
    this.client = client;
    this.clock = clock;
    this.interval = interval;
    this.volumes = new PolicyVolumes(client, new KubeletSummaryUsage(client, clock));
    this.resizer = new PvcResizer(client);
    this.events = new KubernetesEventRecorder(client);
  }

  @Override
  public UpdateControl<StoragePolicy> reconcile(
      StoragePolicy resource, Context<StoragePolicy> context) {
    Instant now = clock.instant();
    String namespace = resource.getMetadata().getNamespace();
    StoragePolicyStatus previous =
        Optional.ofNullable(resource.getStatus()).orElse(StoragePolicyStatus.NONE);
    Conditions conditions = new Conditions(previous.conditions(), now);
    ActionLedger ledger = StoragePolicyStatusMapper.ledger(previous, namespace);
    StoragePolicyStatus status;
    try {
      SizingPolicy policy = StoragePolicyMapper.toCore(resource.getSpec());
      Optional<MaintenanceWindow> window = StoragePolicyMapper.window(resource.getSpec());
      SizingPass pass =
          SizingPass.run(
              policy,
              selected(namespace, resource.getSpec()),
              ledger,
              MaintenanceWindow.at(window, now),
              now,
              underWay(namespace, resource.getSpec()));
      ActionLedger spent = grow(resource, pass);
      conditions.set("Ready", true, "Sized", summary(pass));
      status =
          new StoragePolicyStatus(
              conditions.list(),
              pass.verdicts().size(),
              StoragePolicyStatusMapper.volumes(pass, spent),
              StoragePolicyStatusMapper.growths(spent),
              StoragePolicyStatusMapper.budget(policy, spent, now),
              window.map(MaintenanceWindow::describe).orElse("always open"),
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

  /** The PVCs the spec selects, all of the policy's namespace. */
  private List<VolumeFacts> selected(String namespace, StoragePolicySpec spec) {
    if (spec.selector() != null) {
      return volumes.matching(namespace, spec.selector());
    }
    io.harbormaster.api.crd.ManagedApp app =
        client
            .resources(io.harbormaster.api.crd.ManagedApp.class)
            .inNamespace(namespace)
            .withName(spec.managedApp())
            .get();
    if (app == null) {
      throw new InvalidSpecException(
          "spec.managedApp",
          "no ManagedApp " + spec.managedApp() + " in namespace " + namespace + ": name one there");
    }
    List<String> names =
        app.getStatus() == null || app.getStatus().pvcs() == null
            ? List.of()
            : app.getStatus().pvcs().stream()
                .filter(pvc -> namespace.equals(pvc.namespace()))
                .map(pvc -> pvc.name())
                .toList();
    return volumes.named(namespace, names);
  }

  /** An upgrade or rollback of the policy's app under way, which growths wait for. */
  private Optional<String> underWay(String namespace, StoragePolicySpec spec) {
    return spec.managedApp() == null
        ? Optional.empty()
        : AppRequests.of(client, ObjectRef.of(namespace, spec.managedApp())).queue().underWay();
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

  private static ActionLedger without(ActionLedger ledger, Growth failed) {
    return ActionLedger.builder()
        .addAllGrowths(ledger.growths().stream().filter(growth -> !growth.equals(failed)).toList())
        .build();
  }

  private static String summary(SizingPass pass) {
    return pass.verdicts().size() + " PVCs, " + pass.growths().size() + " growing now";
  }
}
