package io.harbormaster.core.discovery;

import io.harbormaster.core.model.ObjectRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/** What discovery needs of a pod: who owns it and which PVCs it mounts. */
@Value.Immutable
public abstract class PodInfo {
  public abstract ObjectRef ref();

  public abstract List<OwnerLink> owners();

  /** {@code spec.volumes[].persistentVolumeClaim.claimName}, in the pod's namespace. */
  public abstract Set<String> claimNames();

  /** Has a deletionTimestamp: it is going away by itself and needs no workload to stop it. */
  @Value.Default
  public boolean terminating() {
    return false;
  }

  public static ImmutablePodInfo.Builder builder() {
    return ImmutablePodInfo.builder();
  }

  public Optional<OwnerLink> controller() {
    return owners().stream().filter(OwnerLink::controller).findFirst();
  }
}
