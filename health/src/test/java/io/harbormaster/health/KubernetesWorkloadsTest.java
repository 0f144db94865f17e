package io.harbormaster.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.harbormaster.core.health.WorkloadStatus;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadKind;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.workload.WorkloadSimulation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KubernetesWorkloadsTest {
  private static final long WAIT_SECONDS = 20;
  private static final WorkloadRef POSTGRES = WorkloadRef.statefulSet("db", "postgres");
  private static final WorkloadRef API = WorkloadRef.deployment("db", "api");

  @RegisterExtension final MockCluster cluster = new MockCluster();

  private KubernetesWorkloads workloads;

  @BeforeEach
  void setUp() {
    workloads = new KubernetesWorkloads(cluster.client());
  }

  @Test
  void readsReplicaCountsInTheOrderAsked() {
    cluster
        .client()
        .resource(TestWorkloads.statefulSet("db", "postgres", 3, "postgres:15"))
        .create();
    cluster.client().resource(TestWorkloads.deployment("db", "api", 2, "api:1")).create();

    List<WorkloadStatus> status = workloads.status(List.of(API, POSTGRES));

    assertThat(status).extracting(WorkloadStatus::ref).containsExactly(API, POSTGRES);
    assertThat(status).extracting(WorkloadStatus::desiredReplicas).containsExactly(2, 3);
    assertThat(status).extracting(WorkloadStatus::readyReplicas).containsExactly(0, 0);
    assertThat(status).noneMatch(WorkloadStatus::ready);
  }

  @Test
  void readyPodsOfAVersionNotYetRolledOutAreNotReady() {
    var deployment = TestWorkloads.deployment("db", "api", 1, "api:2");
    cluster.client().resource(deployment).create();
    var live = cluster.client().apps().deployments().inNamespace("db").withName("api");
    long generation = live.get().getMetadata().getGeneration();
    // The previous version's pod is still the ready one: the controller has not acted on this spec.
    live.editStatus(
        d -> {
          d.setStatus(
              new DeploymentStatusBuilder()
                  .withObservedGeneration(generation - 1)
                  .withReplicas(1)
                  .withReadyReplicas(1)
                  .withUpdatedReplicas(0)
                  .build());
          return d;
        });
    WorkloadStatus stale = workloads.status(List.of(API)).get(0);
    // Acted on, but an old pod still runs beside the new one.
    live.editStatus(
        d -> {
          d.setStatus(
              new DeploymentStatusBuilder()
                  .withObservedGeneration(generation)
                  .withReplicas(2)
                  .withReadyReplicas(1)
                  .withUpdatedReplicas(1)
                  .build());
          return d;
        });
    WorkloadStatus rolling = workloads.status(List.of(API)).get(0);
    live.editStatus(
        d -> {
          d.setStatus(
              new DeploymentStatusBuilder()
                  .withObservedGeneration(generation)
                  .withReplicas(1)
                  .withReadyReplicas(1)
                  .withUpdatedReplicas(1)
                  .build());
          return d;
        });
    WorkloadStatus done = workloads.status(List.of(API)).get(0);

    assertThat(stale.readyReplicas()).isEqualTo(1);
    assertThat(stale.ready()).isFalse();
    assertThat(rolling.ready()).isFalse();
    assertThat(done.ready()).isTrue();
  }

  @Test
  void aMissingWorkloadIsAnErrorNamingIt() {
    assertThatThrownBy(() -> workloads.status(List.of(POSTGRES)))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageStartingWith("StatefulSet db/postgres not found: ");
    assertThatThrownBy(() -> workloads.scale(API, 0))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageStartingWith("Deployment db/api not found: ");
  }

  @Test
  void refusesANegativeReplicaCount() {
    assertThatThrownBy(() -> workloads.scale(POSTGRES, -1))
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
      awaitStatus(POSTGRES, 2, 2);
      awaitStatus(API, 1, 1);

      workloads.scale(POSTGRES, 0);
      workloads.scale(API, 0);

      awaitStatus(POSTGRES, 0, 0);
      awaitStatus(API, 0, 0);
      awaitPods(List::isEmpty);
      assertThat(workloads.status(List.of(POSTGRES, API))).allMatch(WorkloadStatus::ready);

      workloads.scale(POSTGRES, 2);
      workloads.scale(API, 1);

      awaitStatus(POSTGRES, 2, 2);
      awaitStatus(API, 1, 1);
      assertThat(workloads.status(List.of(POSTGRES, API))).allMatch(WorkloadStatus::ready);
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

    workloads.scale(API, 0);

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

  @Test
  void podsMountingListsPodsOncePerNamespace() {
    createPod("db", "postgres-0", "data-postgres-0");
    createPod("db", "postgres-1", "data-postgres-1");
    createPod("db", "api-7d9f", "cache");
    createPod("db", "unrelated", "other");
    createPod("web", "frontend-0", "uploads");
    createPod("web", "terminating", "uploads");
    cluster
        .client()
        .pods()
        .inNamespace("web")
        .withName("terminating")
        .edit(
            p -> {
              p.getMetadata().getFinalizers().add("test.harbormaster.io/hold");
              return p;
            });
    cluster.client().pods().inNamespace("web").withName("terminating").delete();
    cluster.takeRequests();

    List<ObjectRef> pods =
        workloads.podsMounting(
            List.of(
                ObjectRef.of("db", "data-postgres-0"),
                ObjectRef.of("db", "data-postgres-1"),
                ObjectRef.of("db", "cache"),
                ObjectRef.of("db", "unmounted"),
                ObjectRef.of("web", "uploads")));

    assertThat(pods)
        .containsExactly(
            ObjectRef.of("db", "api-7d9f"),
            ObjectRef.of("db", "postgres-0"),
            ObjectRef.of("db", "postgres-1"),
            ObjectRef.of("web", "frontend-0"),
            ObjectRef.of("web", "terminating"));
    assertThat(cluster.takeRequests())
        .extracting(RecordedRequest::getPath)
        .containsExactlyInAnyOrder("/api/v1/namespaces/db/pods", "/api/v1/namespaces/web/pods");
  }

  private void createPod(String namespace, String name, String claim) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("main")
            .withImage("busybox")
            .endContainer()
            .addNewVolume()
            .withName("scratch")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .addNewVolume()
            .withName("data")
            .withNewPersistentVolumeClaim()
            .withClaimName(claim)
            .endPersistentVolumeClaim()
            .endVolume()
            .endSpec()
            .build();
    cluster.client().resource(pod).create();
  }

  /**
   * Waits on the workload's watch until its status shows these counts, then reads them through the
   * adapter.
   */
  private void awaitStatus(WorkloadRef ref, int desired, int ready) {
    String name = ref.object().name();
    if (ref.kind() == WorkloadKind.DEPLOYMENT) {
      AwaitCondition.until(
          cluster.client().apps().deployments().inNamespace("db").withName(name),
          d ->
              d != null
                  && d.getStatus() != null
                  && counts(d.getStatus().getReplicas(), d.getStatus().getReadyReplicas()) == ready,
          Duration.ofSeconds(WAIT_SECONDS));
    } else {
      AwaitCondition.until(
          cluster.client().apps().statefulSets().inNamespace("db").withName(name),
          s ->
              s != null
                  && s.getStatus() != null
                  && counts(s.getStatus().getReplicas(), s.getStatus().getReadyReplicas()) == ready,
          Duration.ofSeconds(WAIT_SECONDS));
    }
    WorkloadStatus status = workloads.status(List.of(ref)).get(0);
    assertThat(status.desiredReplicas()).isEqualTo(desired);
    assertThat(status.readyReplicas()).isEqualTo(ready);
    assertThat(status.currentReplicas()).isEqualTo(ready);
  }

  /** The ready count when every existing replica is ready, else -1. */
  private static int counts(Integer replicas, Integer ready) {
    int existing = replicas == null ? 0 : replicas;
    return existing == (ready == null ? 0 : ready) ? existing : -1;
  }

  private void awaitPods(java.util.function.Predicate<List<Pod>> condition) {
    AwaitCondition.untilAll(
        cluster.client().pods().inNamespace("db"), condition, Duration.ofSeconds(WAIT_SECONDS));
  }
}
