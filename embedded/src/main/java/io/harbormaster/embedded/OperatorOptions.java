package io.harbormaster.embedded;

import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.embedded.runtime.OperatorMetrics;
import io.harbormaster.gitops.GitOpsSettings;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/** How {@link Harbormaster#operator} runs: the settings a deployed operator reads at start. */
@Value.Immutable
public abstract class OperatorOptions {
  /** Where the operator clones the apps' repositories and who commits. */
  public abstract GitOpsSettings git();

  /** The operator's clock: phase deadlines and timelines are measured on it. */
  @Value.Default
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Value.Default
  public OperatorMetrics metrics() {
    return new OperatorMetrics();
  }

  /** The Lease replicas compete for; none means this process reconciles alone. */
  public abstract Optional<LeaderElectionConfiguration> leaderElection();

  /**
   * Where the operator watches its resources and everything its operations touch (workloads, pods,
   * PVCs, Flux objects, VolumeSnapshots); empty means every namespace. Name the Flux namespace
   * (flux-system) too when the apps' Kustomizations live there.
   */
  public abstract Set<String> watchNamespaces();

  /** Which namespaces an app's operation may touch besides its own. */
  @Value.Default
  public Tenancy tenancy() {
    return Tenancy.sameNamespaceOnly();
  }

  /**
   * How often each StoragePolicy reads its PVCs' usage and decides: the kubelets refresh volume
   * statistics about once a minute, so a shorter pass sees little new.
   */
  @Value.Default
  public Duration sizingInterval() {
    return Duration.ofSeconds(30);
  }

  public static ImmutableOperatorOptions.Builder builder() {
    return ImmutableOperatorOptions.builder();
  }
}
