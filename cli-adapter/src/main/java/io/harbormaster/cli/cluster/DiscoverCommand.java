package io.harbormaster.cli.cluster;

import io.harbormaster.api.crd.NamespacedName;
import io.harbormaster.api.crd.PvcItem;
import io.harbormaster.api.crd.WorkloadItem;
import io.harbormaster.api.mapping.ManagedAppMapper;
import io.harbormaster.cli.output.Output;
import io.harbormaster.cli.output.Table;
import io.harbormaster.core.automation.ImageAutomation;
import io.harbormaster.core.automation.ImageAutomationSearch;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.discovery.KubernetesAppDiscovery;
import io.harbormaster.discovery.KubernetesImageAutomations;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hm discover <app>}: runs the discovery an upgrade starts with (its Pending phase) from the
 * CLI, and shows the workloads it would stop and the PVCs it would snapshot, each with the reason,
 * and the Flux image automations that also write the app's file (searched in the app's namespace
 * and those of its Flux objects).
 */
@Command(
    name = "discover",
    description =
        "Show the workloads an upgrade of the app would stop and the PVCs it would snapshot, and why each,"
            + " and the Flux image automations that also write the app's file.")
public final class DiscoverCommand extends ClusterCommand {
  @Parameters(paramLabel = "APP", description = "The ManagedApp, in the namespace of -n.")
  private String appName;

  /** The -o json/yaml document. */
  record Targets(
      NamespacedName app,
      List<WorkloadItem> workloads,
      List<PvcItem> pvcs,
      List<String> imageAutomations,
      List<String> imageAutomationsSkipped) {}

  @Override
  void check(InputChecks checks) {
    checks.objectName("APP", appName);
  }

  @Override
  int run(Cluster cluster, Output output) {
    ManagedApp app = ManagedAppMapper.toCore(cluster.app(appName));
    AppTargets targets =
        new KubernetesAppDiscovery(cluster.client(), Tenancy.ofLocalRun()).discover(app);
    ImageAutomationSearch automations =
        new KubernetesImageAutomations(cluster.client(), Tenancy.ofLocalRun()).writingTo(app);
    Targets document =
        new Targets(
            new NamespacedName(app.id().namespace(), app.id().name()),
            targets.workloads().stream()
                .map(
                    w ->
                        new WorkloadItem(
                            w.ref().kind().kind(),
                            w.ref().object().namespace(),
                            w.ref().object().name(),
                            w.reason()))
                .toList(),
            targets.volumes().stream()
                .map(v -> new PvcItem(v.pvc().namespace(), v.pvc().name(), v.reason()))
                .toList(),
            automations.writerNames(),
            automations.skipped());
    output.print(
        document,
        out -> {
          Table table = Table.of("action", "kind", "namespace", "name", "reason");
          document
              .workloads()
              .forEach(w -> table.row("stop", w.kind(), w.namespace(), w.name(), w.reason()));
          document
              .pvcs()
              .forEach(
                  pvc ->
                      table.row(
                          "snapshot",
                          "PersistentVolumeClaim",
                          pvc.namespace(),
                          pvc.name(),
                          pvc.reason()));
          if (table.isEmpty()) {
            out.println(
                "An upgrade of " + app.id() + " would stop no workload and snapshot no PVC.");
          } else {
            table.print(out);
          }
          for (ImageAutomation automation : automations.writers()) {
            out.println(
                "Image automation "
                    + automation.ref()
                    + " also writes "
                    + app.git().filePath()
                    + (automation.suspended() ? " (suspended now)." : "."));
          }
          automations
              .skipped()
              .forEach(skipped -> out.println("Image automation not judged: " + skipped));
        });
    return ExitCodes.OK;
  }
}
