package io.harbormaster.core.discovery;

import io.harbormaster.core.model.ObjectRef;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** A ReplicaSet, the link between a Deployment and its pods. */
@Value.Immutable
public abstract class ReplicaSetInfo {
  @Value.Parameter
  public abstract ObjectRef ref();

  @Value.Parameter
  public abstract List<OwnerLink> owners();

  public static ReplicaSetInfo of(ObjectRef ref, List<OwnerLink> owners) {
    return ImmutableReplicaSetInfo.of(ref, owners);
  }

  public Optional<OwnerLink> controller() {
    return owners().stream().filter(OwnerLink::controller).findFirst();
  }
}
