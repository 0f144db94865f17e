package io.harbormaster.core.port;

import io.harbormaster.core.health.WorkloadStatus;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadRef;
import java.util.Collection;
import java.util.List;

/** Scales Deployments and StatefulSets and tells which pods still hold volumes. */
public interface Workloads {
  /** Live replica counts, in the order asked; a workload that does not exist is an error. */
  List<WorkloadStatus> status(Collection<WorkloadRef> refs);

  /** Sets the desired replica count. */
  void scale(WorkloadRef ref, int replicas);

  /** Pods (running or terminating) that mount any of these PVCs. */
  List<ObjectRef> podsMounting(Collection<ObjectRef> pvcs);
}
