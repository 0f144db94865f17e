package io.harbormaster.operator;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.api.crd.StoragePolicy;
import io.harbormaster.api.crd.StoragePolicySpec;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.storage.ClaimedVolumes;
import java.time.Duration;
import java.util.Map;

/**
 * PVCs of one namespace that a StoragePolicy sizes, on the operator's sandbox: claimed in an
 * expandable class, labelled {@link #LABELS}, mounted by a running pod, with the usage the node's
 * kubelet reports.
 */
final class SizedVolumes {
  static final long GI = 1024L * 1024 * 1024;
  static final Map<String, String> LABELS = Map.of("sized-by", "policy");
  static final String STORAGE_CLASS = "expandable";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final OperatorCluster cluster;
  private final String namespace;
  final ClaimedVolumes claims;

  SizedVolumes(OperatorCluster cluster, String namespace) {
    this.cluster = cluster;
    this.namespace = namespace;
    this.claims = ClaimedVolumes.in(cluster.client, namespace);
    claims.storageClass(STORAGE_CLASS, true);
  }

  /** A PVC of 10Gi mounted by a running pod whose kubelet reports {@code usedBytes}. */
  void sized(String pvc, long usedBytes) {
    claims.claim(pvc, "10Gi", STORAGE_CLASS, LABELS);
    claims.mount(pvc);
    use(pvc, usedBytes);
  }

  void use(String pvc, long usedBytes) {
    cluster.sandbox.nodes().setUsage(namespace, pvc, usedBytes);
  }

  /** A policy of the PVCs labelled {@link #LABELS}: 10Gi to {@code limit}, 20 % buffer. */
  static StoragePolicySpec spec(
      String limit, StoragePolicySpec.MaintenanceWindow window, int perDay, int reserved) {
    return new StoragePolicySpec(
        new LabelSelectorBuilder().withMatchLabels(LABELS).build(),
        null,
        "10Gi",
        limit,
        20,
        95,
        "1Gi",
        "1Gi",
        window,
        perDay,
        reserved,
        "1s");
  }

  void policy(String name, StoragePolicySpec spec) {
    StoragePolicy policy = new StoragePolicy();
    policy.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    policy.setSpec(spec);
    cluster.client.resource(policy).create();
  }

  /**
   * Changes a policy's spec as {@code kubectl patch --type merge} would: the operator writes its
   * status meanwhile, so an edit of the read object could meet a conflict.
   */
  void changePolicy(String name, String spec) {
    cluster
        .client
        .resources(StoragePolicy.class)
        .inNamespace(namespace)
        .withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + spec + "}");
  }

  /**
   * Waits until the PVC's capacity is {@code bytes}: its growth finished. A PVC not made yet, or
   * Pending (a real API server writes its phase at once, without a capacity), has none.
   */
  PersistentVolumeClaim awaitCapacity(String pvc, long bytes) {
    return AwaitCondition.until(
        cluster.client.persistentVolumeClaims().inNamespace(namespace).withName(pvc),
        claim ->
            claim != null
                && claim.getStatus() != null
                && claim.getStatus().getCapacity() != null
                && claim.getStatus().getCapacity().get("storage") != null
                && Quantity.getAmountInBytes(claim.getStatus().getCapacity().get("storage"))
                        .longValue()
                    == bytes,
        WAIT);
  }

  /** What the PVC asks for now. */
  Quantity requested(String pvc) {
    return cluster
        .client
        .persistentVolumeClaims()
        .inNamespace(namespace)
        .withName(pvc)
        .get()
        .getSpec()
        .getResources()
        .getRequests()
        .get("storage");
  }
}
