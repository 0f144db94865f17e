package io.harbormaster.core.port;

import io.harbormaster.core.health.WorkloadStatus;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadRef;
import java.util.Collection;
import java.util.List;

/** Reads Deployments and StatefulSets and tells which pods still hold volumes; changes nothing. */
public interface WorkloadReader {
  /** Live replica counts, in the order asked; a workload that does not exist is an error. */
  List<WorkloadStatus> status(Collection<WorkloadRef> refs);

  /** Pods (running or terminating) that mount any of these PVCs. */
  List<ObjectRef> podsMounting(Collection<ObjectRef> pvcs);
}
