package io.harbormaster.core.discovery;

import io.harbormaster.core.model.ObjectRef;
import java.util.Set;
import org.immutables.value.Value;

/** A PersistentVolumeClaim and its {@code spec.accessModes}. */
@Value.Immutable
public abstract class PvcInfo {
  private static final Set<String> SINGLE_NODE = Set.of("ReadWriteOnce", "ReadWriteOncePod");

  @Value.Parameter
  public abstract ObjectRef ref();

  @Value.Parameter
  public abstract Set<String> accessModes();

  public static PvcInfo of(ObjectRef ref, Set<String> accessModes) {
    return ImmutablePvcInfo.of(ref, accessModes);
  }

  /**
   * Writable from one node only: the volumes whose pods must stop before a snapshot is consistent
   * and before a restore can swap them.
   */
  public boolean singleNodeWritable() {
    return accessModes().stream().anyMatch(SINGLE_NODE::contains);
  }
}
