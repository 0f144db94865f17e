package io.harbormaster.cli.demo;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.crd.StoragePolicy;
import io.harbormaster.api.crd.StoragePolicySpec;
import io.harbormaster.api.crd.StoragePolicyStatus;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.storage.ClaimedVolumes;
import io.harbormaster.testkit.HarbormasterSandbox;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A StoragePolicy and a PVC filling up: a planned growth past the buffer, an emergency growth past
 * the critical line, and nothing past the limit.
 */
final class StorageGrowth extends DemoScenario {
  private static final String NS = "db";
  private static final String PVC = "orders";
  private static final long GI = 1024L * 1024 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(60);

  StorageGrowth() {
    super(
        "storage-growth",
        "a StoragePolicy grows a filling PVC: past its buffer, at once past the critical line, up"
            + " to its limit");
  }

  @Override
  void run(HarbormasterSandbox cluster, PrintWriter out, Checks checks) {
    KubernetesClient client = cluster.client();
    ClaimedVolumes claims = ClaimedVolumes.in(client, NS);
    claims.storageClass("expandable", true);
    claims.claim(PVC, "10Gi", "expandable", Map.of("app", "orders"));
    String node = claims.mount(PVC);
    out.printf(
        "PVC %s/%s: 10Gi of StorageClass expandable, mounted by Deployment %s/uses-%s on %s%n",
        NS, PVC, NS, PVC, node);
    use(cluster, out, 8.5);
    policy(client);
    out.printf(
        "StoragePolicy %s/orders: 10Gi to at most 14Gi, keep 20 %% free, grow at once past 95 %% used"
            + " (minimumInterval 1s for the demo; cloud disks want hours)%n",
        NS);

    boolean planned = grewTo(client, out, 11);
    checks.check("past its 20 % buffer the PVC grew from 10Gi to 11Gi (a planned growth)", planned);

    use(cluster, out, 10.6);
    boolean emergency = grewTo(client, out, 14);
    checks.check(
        "past 95 % used it grew at once, to the 14Gi limit (an emergency growth)", emergency);

    use(cluster, out, 13);
    StoragePolicy atLimit = awaitDecision(client, "AtLimit");
    out.printf("  %s%n", line(atLimit));
    Optional<StoragePolicyStatus.Budget> budget =
        Optional.ofNullable(atLimit).map(StoragePolicy::getStatus).map(StoragePolicyStatus::budget);
    out.printf(
        "  budget: %s%n",
        budget
            .map(spent -> spent.spent() + " growths in the last 24 h, " + spent.left() + " left")
            .orElse("not reported"));
    checks.check("at the limit it grows no more and says so (AtLimit)", atLimit != null);
    checks.check(
        "the budget counts the 2 growths of the last 24 hours",
        budget.map(spent -> spent.spent() == 2).orElse(false));
  }

  private static void use(HarbormasterSandbox cluster, PrintWriter out, double gi) {
    cluster.sandbox().nodes().setUsage(NS, PVC, (long) (gi * GI));
    out.printf("the kubelet now reports %sGi used on %s%n", gi, PVC);
  }

  private static void policy(KubernetesClient client) {
    StoragePolicy policy = new StoragePolicy();
    policy.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("orders").build());
    policy.setSpec(
        new StoragePolicySpec(
            new LabelSelectorBuilder().addToMatchLabels("app", "orders").build(),
            null,
            "10Gi",
            "14Gi",
            20,
            95,
            "1Gi",
            "1Gi",
            null,
            4,
            1,
            "1s"));
    client.resource(policy).create();
  }

  /** Waits until the PVC's capacity is {@code gi}, then prints the policy's line for it. */
  private static boolean grewTo(KubernetesClient client, PrintWriter out, long gi) {
    try {
      AwaitCondition.until(
          client.persistentVolumeClaims().inNamespace(NS).withName(PVC),
          claim -> capacity(claim) == gi * GI,
          WAIT);
    } catch (IllegalStateException notGrown) {
      out.printf("  the PVC did not grow to %dGi: %s%n", gi, notGrown.getMessage());
      return false;
    }
    StoragePolicy policy =
        client.resources(StoragePolicy.class).inNamespace(NS).withName("orders").get();
    out.printf("  PVC %s/%s now has %dGi; last growth: %s%n", NS, PVC, gi, lastGrowth(policy));
    return true;
  }

  private static StoragePolicy awaitDecision(KubernetesClient client, String decision) {
    try {
      return AwaitCondition.until(
          client.resources(StoragePolicy.class).inNamespace(NS).withName("orders"),
          policy -> item(policy).map(item -> decision.equals(item.decision())).orElse(false),
          WAIT);
    } catch (IllegalStateException notDecided) {
      return null;
    }
  }

  private static Optional<StoragePolicyStatus.VolumeItem> item(StoragePolicy policy) {
    return Optional.ofNullable(policy)
        .map(StoragePolicy::getStatus)
        .map(StoragePolicyStatus::volumes)
        .orElse(List.of())
        .stream()
        .filter(volume -> PVC.equals(volume.name()))
        .findFirst();
  }

  private static String lastGrowth(StoragePolicy policy) {
    return Optional.ofNullable(policy)
        .map(StoragePolicy::getStatus)
        .map(StoragePolicyStatus::growths)
        .filter(growths -> !growths.isEmpty())
        .map(growths -> growths.get(growths.size() - 1))
        .map(growth -> growth.kind() + " at " + growth.at())
        .orElse("not recorded yet");
  }

  private static String line(StoragePolicy policy) {
    return item(policy)
        .map(volume -> volume.decision() + ": " + volume.message())
        .orElse("the policy did not report AtLimit");
  }

  private static long capacity(PersistentVolumeClaim claim) {
    Quantity storage =
        claim == null || claim.getStatus() == null || claim.getStatus().getCapacity() == null
            ? null
            : claim.getStatus().getCapacity().get("storage");
    return storage == null ? 0 : Quantity.getAmountInBytes(storage).longValue();
  }
}
