package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.api.model.Condition;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.ManagedAppStatus;
import io.harbormaster.cli.output.HumanDuration;
import io.harbormaster.cli.output.Output;
import io.harbormaster.cli.output.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hm apps}: the ManagedApps with their health and versions, as the operator last reported
 * them in their status. Exit code 0 whenever the list could be read, healthy or not, like {@code
 * kubectl get}.
 */
@Command(
    name = "apps",
    description = {
      "List the ManagedApps: health (the Ready condition), the version in git and the newest upgrade, as the"
          + " operator reports them."
    })
public final class AppsCommand extends ClusterCommand {
  @Option(
      names = {"-A", "--all-namespaces"},
      description = "List the apps of every namespace.")
  private boolean allNamespaces;

  @Override
  int run(Cluster cluster, Output output) {
    List<ManagedApp> apps =
        cluster.apps(allNamespaces).stream()
            .sorted(
                Comparator.comparing((ManagedApp app) -> app.getMetadata().getNamespace())
                    .thenComparing(app -> app.getMetadata().getName()))
            .toList();
    output.print(
        Output.list(apps),
        out -> {
          if (apps.isEmpty()) {
            out.println(
                "No ManagedApps found in "
                    + (allNamespaces
                        ? "any namespace."
                        : "namespace " + cluster.namespace() + "."));
            return;
          }
          Table table =
              allNamespaces
                  ? Table.of(
                      "namespace", "name", "ready", "version", "last upgrade", "age", "message")
                  : Table.of("name", "ready", "version", "last upgrade", "age", "message");
          Instant now = Instant.now();
          for (ManagedApp app : apps) {
            Optional<ManagedAppStatus> status = Optional.ofNullable(app.getStatus());
            Optional<Condition> ready = ready(status);
            String[] cells = {
              app.getMetadata().getName(),
              ready.map(Condition::getStatus).orElse("Unknown"),
              status.map(ManagedAppStatus::currentVersion).orElse(""),
              status.map(ManagedAppStatus::lastUpgrade).orElse(""),
              age(app, now),
              ready.map(Condition::getMessage).orElse("no operator has checked the app yet")
            };
            table.row(allNamespaces ? prepend(app.getMetadata().getNamespace(), cells) : cells);
          }
          table.print(out);
        });
    return ExitCodes.OK;
  }

  /** The live health the operator last reported; none while no operator has looked at the app. */
  private static Optional<Condition> ready(Optional<ManagedAppStatus> status) {
    return status.map(ManagedAppStatus::conditions).orElse(List.of()).stream()
        .filter(condition -> "Ready".equals(condition.getType()))
        .findFirst();
  }

  private static String age(ManagedApp app, Instant now) {
    String created = app.getMetadata().getCreationTimestamp();
    return created == null
        ? ""
        : HumanDuration.format(Duration.between(Instant.parse(created), now));
  }

  private static String[] prepend(String first, String[] rest) {
    String[] cells = new String[rest.length + 1];
    cells[0] = first;
    System.arraycopy(rest, 0, cells, 1, rest.length);
    return cells;
  }
}
