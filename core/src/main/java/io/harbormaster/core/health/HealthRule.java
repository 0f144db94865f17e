package io.harbormaster.core.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Healthy when every Flux object of the app is Ready for its current spec and every workload has
 * rolled out its current spec with at least as many ready replicas as it wants (a workload that
 * wants none is healthy).
 */
public final class HealthRule {
  private HealthRule() {}

  public static HealthReport evaluate(
      Collection<FluxStatus> flux, Collection<WorkloadStatus> workloads) {
    List<String> problems = new ArrayList<>();
    for (FluxStatus status : flux) {
      if (!status.readyNow()) {
        problems.add(status.ref() + " is not ready: " + status.describeReady());
      }
    }
    for (WorkloadStatus status : workloads) {
      if (!status.ready()) {
        problems.add(
            status.ref()
                + " has "
                + status.readyReplicas()
                + "/"
                + status.desiredReplicas()
                + " replicas ready"
                + (status.rolledOut() ? "" : ", its new version not yet rolled out"));
      }
    }
    return HealthReport.of(problems);
  }
}
