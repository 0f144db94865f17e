package io.harbormaster.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.health.HealthReport;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.sandbox.apiserver.MockCluster;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.flux.FluxObjects;
import io.harbormaster.sandbox.workload.TestWorkloads;
import io.harbormaster.sandbox.workload.WorkloadSimulation;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LiveHealthTest {
  private static final String BROKEN = "16.0-broken";
  private static final String REVISION = "main@sha1:0123456789abcdef0123456789abcdef01234567";
  private static final FluxSource APP =
      FluxSource.builder()
          .kustomization(ObjectRef.of("flux-system", "apps"))
          .helmRelease(ObjectRef.of("db", "postgres"))
          .build();
  private static final WorkloadRef POSTGRES = WorkloadRef.statefulSet("db", "postgres");

  @RegisterExtension final MockCluster cluster = new MockCluster();

  private WorkloadSimulation simulation;
  private FluxObjects flux;
  private LiveHealth health;

  @BeforeEach
  void setUp() {
    simulation = WorkloadSimulation.start(cluster.client(), Set.of(BROKEN));
    flux = new FluxObjects(cluster.client());
    health = new LiveHealth(cluster.client());
    flux.create(APP.applier());
    flux.create(APP.primary());
  }

  @AfterEach
  void tearDown() {
    simulation.close();
  }

  @Test
  void healthyWhenFluxIsReadyAndEveryReplicaIsReady() {
    reportReady(APP.applier());
    reportReady(APP.primary());
    cluster
        .client()
        .resource(TestWorkloads.statefulSet("db", "postgres", 2, "postgres:15.0"))
        .create();
    awaitReadyReplicas(2);

    HealthReport report = health.check(APP, List.of(POSTGRES));

    assertThat(report.healthy()).as(report.summary()).isTrue();
  }

  @Test
  void aBrokenVersionIsUnhealthyAndSaysWhichWorkload() {
    reportReady(APP.applier());
    reportReady(APP.primary());
    cluster
        .client()
        .resource(TestWorkloads.statefulSet("db", "postgres", 1, "postgres:" + BROKEN))
        .create();
    AwaitCondition.until(
        cluster.client().apps().statefulSets().inNamespace("db").withName("postgres"),
        s ->
            s != null
                && s.getStatus() != null
                && Integer.valueOf(1).equals(s.getStatus().getReplicas()),
        Duration.ofSeconds(20));

    HealthReport report = health.check(APP, List.of(POSTGRES));

    assertThat(report.problems()).containsExactly("StatefulSet db/postgres has 0/1 replicas ready");
  }

  @Test
  void readsFluxLiveEveryTime() {
    reportReady(APP.applier());
    reportReady(APP.primary());
    assertThat(health.check(APP, List.of()).healthy()).isTrue();

    flux.reportReady(APP.primary(), "False", "UpgradeFailed", "Helm upgrade failed", null);

    assertThat(health.check(APP, List.of()).problems())
        .containsExactly(
            "HelmRelease db/postgres is not ready: Ready=False (UpgradeFailed): Helm upgrade failed");
  }

  private void reportReady(FluxRef ref) {
    flux.reportReady(
        ref, "True", "ReconciliationSucceeded", "Applied revision: " + REVISION, REVISION);
  }

  private void awaitReadyReplicas(int ready) {
    AwaitCondition.until(
        cluster.client().apps().statefulSets().inNamespace("db").withName("postgres"),
        s ->
            s != null
                && s.getStatus() != null
                && Integer.valueOf(ready).equals(s.getStatus().getReadyReplicas()),
        Duration.ofSeconds(20));
  }
}
