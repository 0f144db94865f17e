package io.harbormaster.core.model;

import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/** A stateful app deployed by Flux whose upgrades Harbormaster makes safe and reversible. */
@Value.Immutable
public abstract class ManagedApp {
  public static final Duration DEFAULT_HEALTH_CHECK_TIMEOUT = Duration.ofMinutes(5);

  public abstract ObjectRef id();

  public abstract FluxSource flux();

  public abstract GitLocation git();

  @Value.Default
  public AutoUpdate autoUpdate() {
    return AutoUpdate.NONE;
  }

  @Value.Default
  public SnapshotPolicy snapshots() {
    return SnapshotPolicy.builder().build();
  }

  @Value.Default
  public Duration healthCheckTimeout() {
    return DEFAULT_HEALTH_CHECK_TIMEOUT;
  }

  /** Roll back by itself when an upgrade fails after its commit. */
  @Value.Default
  public boolean autoRollback() {
    return true;
  }

  /** What becomes of the image automations a rollback of the app held suspended. */
  @Value.Default
  public AutomationAfterRollback imageAutomation() {
    return AutomationAfterRollback.KEEP_SUSPENDED;
  }

  /**
   * The ServiceAccount of the app's namespace that the operator acts as on the app's objects, so
   * the cluster's RBAC bounds what its operations touch (see the tenancy rule's {@code
   * serviceAccountOf}).
   */
  public abstract Optional<String> serviceAccountName();

  public static ImmutableManagedApp.Builder builder() {
    return ImmutableManagedApp.builder();
  }

  @Value.Check
  protected void check() {
    InvalidSpecException.require(
        !healthCheckTimeout().isNegative() && !healthCheckTimeout().isZero(),
        "spec.healthCheckTimeout",
        healthCheckTimeout() + " must be a positive duration such as 5m");
  }
}
