package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.harbormaster.api.crd.DrivenBy;
import picocli.CommandLine.Option;

/**
 * What {@code hm upgrade} and {@code hm rollback} share: the request's name, a dry run, following
 * it.
 */
final class RequestOptions {
  @Option(names = "--dry-run", description = "Plan and report only; change nothing.")
  private boolean dryRun;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The request's name (default: generated, <app or upgrade>-<kind>-xxxxx).")
  private String name;

  @Option(
      names = "--wait",
      description = "Follow the request to its end, printing each phase as it ends.")
  private boolean await;

  void check(InputChecks checks) {
    checks.objectName("--name", name);
  }

  boolean dryRun() {
    return dryRun;
  }

  /** A dry run you do not see the result of is of no use: it is always followed. */
  boolean follow() {
    return await || dryRun;
  }

  /**
   * The request's metadata: {@code --name}, or a name the API server generates from {@code prefix};
   * a {@code local} run marks it so that an operator in the cluster leaves it alone.
   */
  ObjectMeta metadata(String namespace, String prefix, boolean local) {
    ObjectMetaBuilder metadata = new ObjectMetaBuilder().withNamespace(namespace);
    if (local) {
      metadata.addToAnnotations(DrivenBy.ANNOTATION, DrivenBy.HM_LOCAL);
    }
    return (name == null ? metadata.withGenerateName(prefix) : metadata.withName(name)).build();
  }
}
