package io.harbormaster.core.discovery;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadRef;
import java.util.List;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * What an operation on an app touches: the workloads to stop (every one whose pods mount a target
 * volume, owned by the app or not) and the volumes to protect.
 */
@Value.Immutable
public abstract class AppTargets {
  /**
   * The most volumes, and the most workloads, one app's operation takes on. Its request's status
   * records each (to resume after a restart, to restore and restart them), and the API server
   * refuses an object over about 1.5 MiB: 100 entries in each of its four lists stay far below.
   */
  public static final int MAX_EACH = 100;

  public abstract List<WorkloadTarget> workloads();

  public abstract List<VolumeTarget> volumes();

  public static ImmutableAppTargets.Builder builder() {
    return ImmutableAppTargets.builder();
  }

  public List<WorkloadRef> workloadRefs() {
    return workloads().stream().map(WorkloadTarget::ref).collect(Collectors.toList());
  }

  public List<ObjectRef> pvcs() {
    return volumes().stream().map(VolumeTarget::pvc).collect(Collectors.toList());
  }
}
