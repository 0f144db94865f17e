package io.harbormaster.cli.cluster;

import io.harbormaster.api.crd.StoragePolicy;
import io.harbormaster.api.crd.StoragePolicyStatus;
import io.harbormaster.cli.output.Output;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code hm storage status}: each StoragePolicy's PVCs as the operator's last pass left them in the
 * status: size, use, state, decision and why, the budget and the window.
 */
@Command(
    name = "status",
    description = {"Show each StoragePolicy's PVCs as the operator's last pass found them."})
public final class StorageStatusCommand extends ClusterCommand {
  @Mixin private PolicyOption policy;

  @Override
  int run(Cluster cluster, Output output) {
    List<StoragePolicy> policies = StoragePolicies.of(cluster, policy.name());
    output.print(
        Output.list(policies),
        out -> {
          if (policies.isEmpty()) {
            out.println("No StoragePolicies found in namespace " + cluster.namespace() + ".");
          }
          for (StoragePolicy each : policies) {
            StoragePolicyStatus status =
                Optional.ofNullable(each.getStatus()).orElse(StoragePolicyStatus.NONE);
            StoragePolicies.print(
                out,
                each,
                StoragePolicies.ready(each),
                status.budget(),
                status.window(),
                status.volumes());
          }
        });
    return ExitCodes.OK;
  }
}
