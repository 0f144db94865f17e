package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.StoragePolicy;
import io.harbormaster.api.crd.StoragePolicySpec;
import io.harbormaster.api.crd.StoragePolicyStatus;
import io.harbormaster.api.mapping.StoragePolicyMapper;
import io.harbormaster.api.mapping.StoragePolicyStatusMapper;
import io.harbormaster.core.engine.StoragePass;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.sizing.ActionLedger;
import io.harbormaster.core.sizing.MaintenanceWindow;
import io.harbormaster.core.sizing.SizingPass;
import io.harbormaster.core.sizing.SizingPolicy;
import io.harbormaster.core.sizing.VolumeFacts;
import io.harbormaster.sizing.kubelet.KubeletSummaryUsage;
import io.harbormaster.sizing.pvc.PolicyVolumes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a StoragePolicy would do now, changing nothing: its PVCs read with their usage, and core's
 * {@link StoragePass} over them with the budget its status recorded. The operator acts on the plan;
 * {@code hm storage plan} shows it.
 */
public final class StoragePolicyPlanner {
  private final KubernetesClient client;
  private final Clock clock;
  private final PolicyVolumes volumes;

  public StoragePolicyPlanner(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.volumes = new PolicyVolumes(client, new KubeletSummaryUsage(client, clock));
  }

  /** A policy's pass at one moment, with the rules it was decided under. */
  public record Plan(
      SizingPolicy policy, Optional<MaintenanceWindow> window, SizingPass pass, Instant at) {
    /** The status this plan makes, recording {@code ledger}'s growths. */
    public StoragePolicyStatus status(
        List<Condition> conditions, ActionLedger ledger, Long generation) {
      return StoragePolicyStatusMapper.status(
          conditions, policy, window, pass, ledger, at, generation);
    }
  }

  /**
   * @throws InvalidSpecException naming the field of the policy that is wrong
   */
  public Plan plan(StoragePolicy resource) {
    Instant now = clock.instant();
    String namespace = resource.getMetadata().getNamespace();
    SizingPolicy policy = StoragePolicyMapper.toCore(resource.getSpec());
    Optional<MaintenanceWindow> window = StoragePolicyMapper.window(resource.getSpec());
    SizingPass pass =
        StoragePass.plan(
            policy,
            window,
            selected(namespace, resource.getSpec()),
            StoragePolicyStatusMapper.ledger(resource.getStatus(), namespace),
            now,
            underWay(namespace, resource.getSpec()));
    return new Plan(policy, window, pass, now);
  }

  /** The PVCs the spec selects, all of the policy's namespace. */
  private List<VolumeFacts> selected(String namespace, StoragePolicySpec spec) {
    if (spec.selector() != null) {
      return volumes.matching(namespace, spec.selector());
    }
    ManagedApp app =
        client.resources(ManagedApp.class).inNamespace(namespace).withName(spec.managedApp()).get();
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
}
