package io.harbormaster.core.port;

import io.harbormaster.core.model.WorkloadRef;

/** Scales Deployments and StatefulSets; what they then run is {@link WorkloadReader}'s. */
public interface WorkloadScaler {
  /** Sets the desired replica count. */
  void scale(WorkloadRef ref, int replicas);
}
