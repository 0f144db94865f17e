package io.harbormaster.core.discovery;

import io.harbormaster.core.model.SnapshotPolicy;
import java.util.List;
import org.immutables.value.Value;

/**
 * What the adapter read from the cluster for one discovery: the app's workloads, and every pod,
 * ReplicaSet and PVC of the namespaces they live in (pods outside the app may mount its PVCs).
 */
@Value.Immutable
public abstract class DiscoveryInput {
  public abstract List<AppWorkload> appWorkloads();

  public abstract List<PodInfo> pods();

  public abstract List<ReplicaSetInfo> replicaSets();

  public abstract List<PvcInfo> pvcs();

  @Value.Default
  public SnapshotPolicy policy() {
    return SnapshotPolicy.builder().build();
  }

  public static ImmutableDiscoveryInput.Builder builder() {
    return ImmutableDiscoveryInput.builder();
  }
}
