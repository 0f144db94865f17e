package io.harbormaster.core.discovery;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SnapshotPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Chooses the PVCs an operation protects. By default every existing ReadWriteOnce (or
 * ReadWriteOncePod) PVC the app's workloads use; a non-empty {@code spec.snapshots.pvcs} replaces
 * that list with exactly the PVCs it names, whatever their access mode (the user asked for them),
 * and {@code spec.snapshots.excludePVCs} removes from the result.
 *
 * <p>A name in either list is a PVC name looked up in the app's namespaces, or {@code
 * namespace/name} when the app spans namespaces that both hold one of that name.
 */
final class VolumeSelector {
  private final Map<ObjectRef, PvcInfo> pvcs;
  private final SortedSet<String> appNamespaces;

  VolumeSelector(Collection<PvcInfo> pvcs, Collection<String> appNamespaces) {
    this.pvcs =
        pvcs.stream().collect(Collectors.toMap(PvcInfo::ref, Function.identity(), (a, b) -> a));
    this.appNamespaces = new TreeSet<>(appNamespaces);
  }

  /**
   * @param uses why each PVC counts as the app's; the result is ordered by PVC
   */
  List<VolumeTarget> select(Map<ObjectRef, String> uses, SnapshotPolicy policy) {
    List<VolumeTarget> chosen =
        policy.pvcs().isEmpty() ? singleNodeWritable(uses) : named(policy.pvcs());
    Set<ObjectRef> excluded =
        policy.excludePvcs().stream()
            .flatMap(name -> matching(name).stream())
            .collect(Collectors.toSet());
    chosen.removeIf(target -> excluded.contains(target.pvc()));
    chosen.sort(Comparator.comparing(VolumeTarget::pvc));
    return chosen;
  }

  private List<VolumeTarget> singleNodeWritable(Map<ObjectRef, String> uses) {
    List<VolumeTarget> targets = new ArrayList<>();
    uses.forEach(
        (ref, why) -> {
          PvcInfo pvc = pvcs.get(ref);
          if (pvc != null && pvc.singleNodeWritable()) {
            targets.add(VolumeTarget.of(ref, "ReadWriteOnce PVC " + why));
          }
        });
    return targets;
  }

  private List<VolumeTarget> named(Set<String> names) {
    List<VolumeTarget> targets = new ArrayList<>();
    for (String name : names) {
      List<ObjectRef> found = matching(name);
      if (found.isEmpty()) {
        throw new DiscoveryException(
            "spec.snapshots.pvcs names PVC '"
                + name
                + "', which does not exist in the app's namespaces "
                + appNamespaces
                + ": correct the name or remove it");
      }
      if (found.size() > 1) {
        throw new DiscoveryException(
            "spec.snapshots.pvcs names PVC '"
                + name
                + "', which exists in several of the app's namespaces "
                + found
                + ": write it as <namespace>/"
                + name);
      }
      targets.add(VolumeTarget.of(found.get(0), "named in spec.snapshots.pvcs"));
    }
    return targets;
  }

  private List<ObjectRef> matching(String name) {
    if (name.contains("/")) {
      ObjectRef ref = ObjectRef.parse("spec.snapshots", name);
      return pvcs.containsKey(ref) ? List.of(ref) : List.of();
    }
    return appNamespaces.stream()
        .map(ns -> ObjectRef.of(ns, name))
        .filter(pvcs::containsKey)
        .collect(Collectors.toList());
  }
}
