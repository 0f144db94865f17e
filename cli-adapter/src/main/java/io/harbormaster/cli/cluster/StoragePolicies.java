package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.api.model.Condition;
import io.harbormaster.api.crd.StoragePolicy;
import io.harbormaster.api.crd.StoragePolicyStatus;
import io.harbormaster.cli.output.Table;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The StoragePolicies a storage command shows, and how it prints one policy's PVCs. */
final class StoragePolicies {
  private StoragePolicies() {}

  /** The namespace's policies, or the one named; none named that exists is a failure. */
  static List<StoragePolicy> of(Cluster cluster, Optional<String> name) {
    if (name.isPresent()) {
      StoragePolicy policy =
          cluster
              .client()
              .resources(StoragePolicy.class)
              .inNamespace(cluster.namespace())
              .withName(name.get())
              .get();
      if (policy == null) {
        throw CommandFailure.notFound(
            "StoragePolicy "
                + cluster.namespace()
                + "/"
                + name.get()
                + " not found: list them with 'hm storage status -n "
                + cluster.namespace()
                + "'");
      }
      return List.of(policy);
    }
    return cluster
        .client()
        .resources(StoragePolicy.class)
        .inNamespace(cluster.namespace())
        .list()
        .getItems()
        .stream()
        .sorted(Comparator.comparing(policy -> policy.getMetadata().getName()))
        .toList();
  }

  /** One policy: a heading line, its budget and window, and a row per PVC. */
  static void print(
      PrintWriter out,
      StoragePolicy policy,
      String state,
      StoragePolicyStatus.Budget budget,
      String window,
      List<StoragePolicyStatus.VolumeItem> volumes) {
    out.println(
        "StoragePolicy "
            + policy.getMetadata().getNamespace()
            + "/"
            + policy.getMetadata().getName()
            + ": "
            + state);
    if (budget != null) {
      out.println(
          "  budget: "
              + budget.spent()
              + " growths in the last 24 h, "
              + budget.left()
              + " left ("
              + budget.leftForPlanned()
              + " for planned growths)");
    }
    if (window != null) {
      out.println("  maintenance window: " + window);
    }
    if (volumes == null || volumes.isEmpty()) {
      out.println("  no PVCs selected");
      return;
    }
    Table table = Table.of("pvc", "capacity", "used", "state", "decision", "next size", "why");
    for (StoragePolicyStatus.VolumeItem volume : volumes) {
      table.row(
          volume.name(),
          volume.capacity(),
          volume.used() == null ? "unknown" : volume.used() + " (" + volume.usedPercent() + " %)",
          volume.state(),
          volume.decision(),
          Optional.ofNullable(volume.nextSize())
              .map(
                  size ->
                      size + Optional.ofNullable(volume.nextAt()).map(at -> " at " + at).orElse(""))
              .orElse(""),
          volume.message());
    }
    table.print(out, "  ");
  }

  /** The Ready condition as a line: whether the policy is valid and its last pass ran. */
  static String ready(StoragePolicy policy) {
    return Optional.ofNullable(policy.getStatus())
        .map(StoragePolicyStatus::conditions)
        .orElse(List.of())
        .stream()
        .filter(condition -> "Ready".equals(condition.getType()))
        .findFirst()
        .map(StoragePolicies::describe)
        .orElse("no operator has run it yet");
  }

  private static String describe(Condition ready) {
    return ("True".equals(ready.getStatus()) ? "" : ready.getReason() + ": ") + ready.getMessage();
  }
}
