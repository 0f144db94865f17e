package io.harbormaster.core.sizing;

import io.harbormaster.core.model.ObjectRef;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What one reading of the nodes' volume statistics found: each PVC's usage, and the nodes that did
 * not answer with why. A PVC absent from both was not measured yet.
 */
@Value.Immutable
public abstract class UsageReport {
  public abstract Map<ObjectRef, VolumeUsage> volumes();

  /** Node name to why it gave no statistics (not answering, an error). */
  public abstract Map<String, String> nodesNotAnswering();

  public static ImmutableUsageReport.Builder builder() {
    return ImmutableUsageReport.builder();
  }

  public Optional<VolumeUsage> of(ObjectRef pvc) {
    return Optional.ofNullable(volumes().get(pvc));
  }

  /**
   * Why the usage of {@code pvc}, mounted on {@code node} if a running pod mounts it, is unknown:
   * the status shows it, so it must tell a user what to look at.
   */
  public String unknownBecause(ObjectRef pvc, Optional<String> node) {
    if (node.isEmpty()) {
      return "no running pod mounts it, so no kubelet measures it";
    }
    String why = nodesNotAnswering().get(node.get());
    return why != null
        ? "node " + node.get() + " did not answer: " + why
        : "node "
            + node.get()
            + " has no statistics for the volume yet (the kubelet measures volumes periodically)";
  }
}
