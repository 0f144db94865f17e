package io.harbormaster.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.kubernetes.ObjectNotFoundException;
import io.harbormaster.kubernetes.ScalableWorkloads;
import io.harbormaster.sandbox.apiserver.MockCluster;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.workload.TestWorkloads;
import io.harbormaster.sandbox.workload.WorkloadSimulation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KubernetesWorkloadScalerTest {
  private static final WorkloadRef POSTGRES = WorkloadRef.statefulSet("db", "postgres");
  private static final WorkloadRef API = WorkloadRef.deployment("db", "api");
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension final MockCluster cluster = new MockCluster();

  /** The adapter under test: it keeps nothing between calls. */
  private KubernetesWorkloadScaler scaler() {
    return new KubernetesWorkloadScaler(cluster.client());
  }

  @Test
  void aMissingWorkloadIsAnErrorNamingIt() {
    assertThatThrownBy(() -> scaler().scale(POSTGRES, 0))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageStartingWith("StatefulSet db/postgres not found: ");
    assertThatThrownBy(() -> scaler().scale(API, 0))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageStartingWith("Deployment db/api not found: ");
  }

  @Test
  void refusesANegativeReplicaCount() {
    assertThatThrownBy(() -> scaler().scale(POSTGRES, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("replicas for StatefulSet db/postgres must be 0 or more, was -1");
  }

  @Test
  void scalingToZeroStopsThePodsAndScalingBackBringsThemReady() {
    try (WorkloadSimulation simulation = WorkloadSimulation.start(cluster.client())) {
      cluster
          .client()
          .resource(TestWorkloads.statefulSet("db", "postgres", 2, "postgres:15"))
          .create();
      cluster.client().resource(TestWorkloads.deployment("db", "api", 1, "api:1")).create();
      awaitScaled(POSTGRES, 2);
      awaitScaled(API, 1);

      scaler().scale(POSTGRES, 0);
      scaler().scale(API, 0);

      awaitScaled(POSTGRES, 0);
      awaitScaled(API, 0);
      awaitPods(List::isEmpty);

      scaler().scale(POSTGRES, 2);
      scaler().scale(API, 1);

      awaitScaled(POSTGRES, 2);
      awaitScaled(API, 1);
    }
  }

  @Test
  void aConflictWhileScalingIsRetried() {
    cluster.client().resource(TestWorkloads.deployment("db", "api", 3, "api:1")).create();
    cluster
        .server()
        .expect()
        .put()
        .withPath("/apis/apps/v1/namespaces/db/deployments/api/scale")
        .andReturn(
            409,
            new StatusBuilder()
                .withCode(409)
                .withReason("Conflict")
                .withMessage("the object has been modified")
                .build())
        .once();
    cluster.takeRequests();

    scaler().scale(API, 0);

    assertThat(
            cluster
                .client()
                .apps()
                .deployments()
                .inNamespace("db")
                .withName("api")
                .get()
                .getSpec()
                .getReplicas())
        .isZero();
    assertThat(cluster.takeRequests()).filteredOn(r -> r.getMethod().equals("PUT")).hasSize(2);
  }

  /** Waits until the workload runs {@code replicas} ready pods, and asks for as many. */
  private void awaitScaled(WorkloadRef ref, int replicas) {
    TestWorkloads.awaitAllReady(cluster.client(), ref, replicas, WAIT);
    assertThat(
            ScalableWorkloads.named(cluster.client(), ref.kind().kind(), "db", ref.object().name())
                .scale()
                .getSpec()
                .getReplicas())
        .isEqualTo(replicas);
  }

  private void awaitPods(java.util.function.Predicate<List<Pod>> condition) {
    AwaitCondition.untilAll(cluster.client().pods().inNamespace("db"), condition, WAIT);
  }
}
