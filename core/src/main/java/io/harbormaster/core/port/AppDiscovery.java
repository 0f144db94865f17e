package io.harbormaster.core.port;

import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.model.ManagedApp;

/** Finds the workloads and volumes an operation on an app must stop and protect. */
public interface AppDiscovery {
  /**
   * @throws io.harbormaster.core.discovery.DiscoveryException when a target volume is mounted by a
   *     pod that no stoppable workload owns, or the app's Flux objects cannot be read
   */
  AppTargets discover(ManagedApp app);
}
