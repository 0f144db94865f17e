package io.harbormaster.core.engine;

import io.harbormaster.core.port.AppDiscovery;
import io.harbormaster.core.port.EventRecorder;
import io.harbormaster.core.port.FluxControl;
import io.harbormaster.core.port.FluxReader;
import io.harbormaster.core.port.GitOps;
import io.harbormaster.core.port.GitOpsException;
import io.harbormaster.core.port.ImageAutomations;
import io.harbormaster.core.port.RollbackTrigger;
import io.harbormaster.core.port.TargetCatalog;
import io.harbormaster.core.port.VersionSource;
import io.harbormaster.core.port.VolumeSnapshots;
import io.harbormaster.core.port.WorkloadReader;
import io.harbormaster.core.port.WorkloadScaler;
import io.harbormaster.core.simulation.InMemoryWorld;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The in-memory world's ports behind a proxy that fails calls at random (a flaky API server or git
 * host), and optionally rejects every commit the way a protected branch would.
 */
final class ChaosPorts {
  private final InMemoryWorld world;
  private final Random random;
  private final double failureRate;
  private final boolean commitsRejected;
  final List<String> mutatingCalls = new ArrayList<>();

  ChaosPorts(InMemoryWorld world, long seed, double failureRate, boolean commitsRejected) {
    this.world = world;
    this.random = new Random(seed);
    this.failureRate = failureRate;
    this.commitsRejected = commitsRejected;
  }

  Ports ports() {
    return Ports.builder()
        .discovery(flaky(AppDiscovery.class))
        .fluxReader(flaky(FluxReader.class))
        .fluxControl(flaky(FluxControl.class))
        .workloadReader(flaky(WorkloadReader.class))
        .workloadScaler(flaky(WorkloadScaler.class))
        .snapshots(flaky(VolumeSnapshots.class))
        .git(flaky(GitOps.class))
        .events(flaky(EventRecorder.class))
        .rollbacks(flaky(RollbackTrigger.class))
        .versions(flaky(VersionSource.class))
        .targetCatalog(flaky(TargetCatalog.class))
        .imageAutomations(flaky(ImageAutomations.class))
        .clock(world.clock())
        // The world's grants (Flux's Kustomizations live in flux-system): with the default, every
        // operation would fail at once in Pending and the chaos would test nothing.
        .tenancy(world.ports().tenancy())
        .build();
  }

  private <T> T flaky(Class<T> port) {
    Object proxy =
        Proxy.newProxyInstance(
            port.getClassLoader(),
            new Class<?>[] {port},
            (self, method, args) -> {
              if (random.nextDouble() < failureRate) {
                throw new UncheckedIOException(
                    new ConnectException(
                        "simulated outage in " + port.getSimpleName() + "." + method.getName()));
              }
              if (commitsRejected && port == GitOps.class && method.getName().equals("commit")) {
                throw new GitOpsException("push to main was rejected: the branch is protected");
              }
              if (MUTATING.contains(method.getName()) && port != EventRecorder.class) {
                mutatingCalls.add(port.getSimpleName() + "." + method.getName());
              }
              try {
                return method.invoke(world, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
    return port.cast(proxy);
  }

  private static final List<String> MUTATING =
      List.of(
          "suspend",
          "resume",
          "requestReconcile",
          "scale",
          "create",
          "restore",
          "delete",
          "commit",
          "revert",
          "startRollback");
}
