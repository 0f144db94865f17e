package io.harbormaster.core.discovery;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadKind;
import io.harbormaster.core.model.WorkloadRef;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One object of a Flux inventory ({@code status.inventory.entries[].id}), written as {@code
 * <namespace>_<name>_<group>_<kind>}: {@code default_podinfo_apps_Deployment}, {@code
 * default_podinfo__Service} (core group), {@code
 * _cluster-admin_rbac.authorization.k8s.io_ClusterRole} (cluster-scoped).
 */
@Value.Immutable
public abstract class InventoryEntry {
  private static final String SHAPE =
      "<namespace>_<name>_<group>_<kind> (e.g. default_podinfo_apps_Deployment)";

  /** Empty for a cluster-scoped object. */
  public abstract String namespace();

  public abstract String name();

  /** Empty for the core group. */
  public abstract String group();

  public abstract String kind();

  public static ImmutableInventoryEntry.Builder builder() {
    return ImmutableInventoryEntry.builder();
  }

  /**
   * Splits an id the way Flux (cli-utils' ObjMetadata) does. Namespace, group and kind never
   * contain {@code _}, so the namespace ends at the first {@code _}, the kind starts after the last
   * and the group after the one before it; the name is what remains in the middle. Only RBAC names
   * may hold a {@code :}, which the id writes as {@code __}; any other {@code _} left in the name
   * is malformed.
   *
   * @throws DiscoveryException quoting the id and the expected shape
   */
  public static InventoryEntry parse(String id) {
    if (id == null) {
      throw malformed(null, "it is missing");
    }
    int first = id.indexOf('_');
    int last = id.lastIndexOf('_');
    int beforeLast = last <= 0 ? -1 : id.lastIndexOf('_', last - 1);
    if (first < 0 || beforeLast <= first) {
      throw malformed(id, "it has fewer than four '_'-separated parts");
    }
    String name = id.substring(first + 1, beforeLast).replace("__", ":");
    String kind = id.substring(last + 1);
    if (name.isEmpty() || kind.isEmpty()) {
      throw malformed(id, name.isEmpty() ? "its name is empty" : "its kind is empty");
    }
    if (name.contains("_")) {
      throw malformed(id, "it has more than four '_'-separated parts");
    }
    return builder()
        .namespace(id.substring(0, first))
        .name(name)
        .group(id.substring(beforeLast + 1, last))
        .kind(kind)
        .build();
  }

  private static DiscoveryException malformed(String id, String problem) {
    return new DiscoveryException(
        "Flux inventory id '" + id + "' is malformed: " + problem + "; expected " + SHAPE);
  }

  /** The Deployment or StatefulSet this entry names, if it names one. */
  public Optional<WorkloadRef> workload() {
    return WorkloadKind.of(group(), kind())
        .filter(kind -> !namespace().isEmpty())
        .map(kind -> WorkloadRef.of(kind, ObjectRef.of(namespace(), name())));
  }

  /** The id Flux writes for this entry. */
  public String id() {
    return namespace() + "_" + name().replace(":", "__") + "_" + group() + "_" + kind();
  }
}
