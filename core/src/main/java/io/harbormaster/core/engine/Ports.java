package io.harbormaster.core.engine;

import io.harbormaster.core.port.AppDiscovery;
import io.harbormaster.core.port.EventRecorder;
import io.harbormaster.core.port.FluxControl;
import io.harbormaster.core.port.FluxReader;
import io.harbormaster.core.port.GitOps;
import io.harbormaster.core.port.ImageAutomations;
import io.harbormaster.core.port.RollbackTrigger;
import io.harbormaster.core.port.TargetCatalog;
import io.harbormaster.core.port.VersionSource;
import io.harbormaster.core.port.VolumeSnapshots;
import io.harbormaster.core.port.WorkloadReader;
import io.harbormaster.core.port.WorkloadScaler;
import io.harbormaster.core.tenancy.Tenancy;
import java.time.Clock;
import java.util.Optional;
import org.immutables.value.Value;

/** The adapters an engine runs on. */
@Value.Immutable
public abstract class Ports {
  public abstract AppDiscovery discovery();

  public abstract FluxReader fluxReader();

  public abstract FluxControl fluxControl();

  public abstract WorkloadReader workloadReader();

  public abstract WorkloadScaler workloadScaler();

  public abstract VolumeSnapshots snapshots();

  public abstract GitOps git();

  /** Looks the target's chart versions and image tags up before anything is stopped. */
  public abstract TargetCatalog targetCatalog();

  /** Finds the Flux image automations that write an app's file, and reads their suspend. */
  public abstract ImageAutomations imageAutomations();

  public abstract EventRecorder events();

  public abstract RollbackTrigger rollbacks();

  /** Needed only by upgrades without an explicit target. */
  public abstract Optional<VersionSource> versions();

  @Value.Default
  public Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Which namespaces an app's operation may touch: the operator's configuration, never a tenant's.
   */
  @Value.Default
  public Tenancy tenancy() {
    return Tenancy.sameNamespaceOnly();
  }

  public static ImmutablePorts.Builder builder() {
    return ImmutablePorts.builder();
  }
}
