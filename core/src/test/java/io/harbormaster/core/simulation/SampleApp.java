package io.harbormaster.core.simulation;

import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadRef;
import java.time.Instant;
import java.util.Map;

/**
 * A small stateful app for the sample walk and tests: PostgreSQL as a HelmRelease applied by a
 * Kustomization, a StatefulSet with one volume, plus a backup Deployment that mounts the same
 * volume.
 */
public final class SampleApp {
  public static final String VERSION_PATH = "spec.chart.spec.version";
  public static final ObjectRef DATA = ObjectRef.of("shop", "data-postgres-0");
  public static final WorkloadRef DATABASE = WorkloadRef.statefulSet("shop", "postgres");
  public static final WorkloadRef BACKUP = WorkloadRef.deployment("shop", "pg-backup");

  private SampleApp() {}

  public static ManagedApp app() {
    return ManagedApp.builder()
        .id(ObjectRef.of("shop", "postgres"))
        .flux(
            FluxSource.builder()
                .kustomization(ObjectRef.of("flux-system", "shop"))
                .helmRelease(ObjectRef.of("shop", "postgres"))
                .build())
        .git(
            GitLocation.builder()
                .repository("https://git.example.com/platform/fleet.git")
                .filePath("apps/shop/postgres.yaml")
                .versionPath(VERSION_PATH)
                .build())
        .build();
  }

  /** The app at chart version 15.1.0, with two replicas of the backup job's Deployment. */
  public static InMemoryWorld world(ManagedApp app) {
    return new InMemoryWorld(
            app,
            new SimulatedClock(Instant.parse("2026-01-01T00:00:00Z")),
            Map.of(VERSION_PATH, "15.1.0"))
        .workload(DATABASE, 1, DATA)
        .workload(BACKUP, 2, DATA);
  }
}
