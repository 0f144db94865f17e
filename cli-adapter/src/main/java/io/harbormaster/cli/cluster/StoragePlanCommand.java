package io.harbormaster.cli.cluster;

import io.harbormaster.api.crd.StoragePolicy;
import io.harbormaster.api.crd.StoragePolicyStatus;
import io.harbormaster.cli.output.Output;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.embedded.reconcile.StoragePolicyPlanner;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code hm storage plan}: what each StoragePolicy would do now and why, decided afresh with the
 * operator's rules from the PVCs' usage read now, changing nothing. Reading usage needs {@code get}
 * on {@code nodes/proxy}; without it each PVC's usage is unknown and the plan says so.
 */
@Command(
    name = "plan",
    description = {
      "Show what each StoragePolicy would do now and why, changing nothing (reading usage needs get"
          + " on nodes/proxy)."
    })
public final class StoragePlanCommand extends ClusterCommand {
  @Mixin private PolicyOption policy;

  @Override
  int run(Cluster cluster, Output output) {
    List<StoragePolicy> policies = StoragePolicies.of(cluster, policy.name());
    StoragePolicyPlanner planner = new StoragePolicyPlanner(cluster.client(), Clock.systemUTC());
    List<Shown> shown = policies.stream().map(each -> shown(planner, each)).toList();
    output.print(
        shown.stream().map(Shown::document).toList(),
        out -> {
          if (shown.isEmpty()) {
            out.println("No StoragePolicies found in namespace " + cluster.namespace() + ".");
          }
          shown.forEach(
              each ->
                  StoragePolicies.print(
                      out,
                      each.policy(),
                      each.state(),
                      each.budget(),
                      each.window(),
                      each.volumes()));
        });
    return ExitCodes.OK;
  }

  /** One policy's plan as printed. */
  private record Shown(
      StoragePolicy policy,
      String state,
      StoragePolicyStatus.Budget budget,
      String window,
      List<StoragePolicyStatus.VolumeItem> volumes) {
    Map<String, Object> document() {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("policy", policy.getMetadata().getName());
      document.put("state", state);
      document.put("budget", budget);
      document.put("window", window);
      document.put("volumes", volumes);
      return document;
    }
  }

  private static Shown shown(StoragePolicyPlanner planner, StoragePolicy policy) {
    try {
      StoragePolicyPlanner.Plan plan = planner.plan(policy);
      StoragePolicyStatus planned = plan.status(null, plan.pass().ledger(), null);
      return new Shown(
          policy, "plan at " + plan.at(), planned.budget(), planned.window(), planned.volumes());
    } catch (InvalidSpecException invalid) {
      return new Shown(policy, "invalid: " + invalid.getMessage(), null, null, null);
    }
  }
}
