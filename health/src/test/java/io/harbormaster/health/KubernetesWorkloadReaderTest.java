package io.harbormaster.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.harbormaster.core.health.WorkloadStatus;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.kubernetes.ObjectNotFoundException;
import io.harbormaster.kubernetes.ScalableWorkloads;
import io.harbormaster.sandbox.apiserver.MockCluster;
import io.harbormaster.sandbox.workload.TestWorkloads;
import io.harbormaster.sandbox.workload.WorkloadSimulation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KubernetesWorkloadReaderTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final WorkloadRef POSTGRES = WorkloadRef.statefulSet("db", "postgres");
  private static final WorkloadRef API = WorkloadRef.deployment("db", "api");

  @RegisterExtension final MockCluster cluster = new MockCluster();

  private KubernetesWorkloadReader workloads;

  @BeforeEach
  void setUp() {
    workloads = new KubernetesWorkloadReader(cluster.client());
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
    assertThatThrownBy(() -> workloads.status(List.of(API)))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageStartingWith("Deployment db/api not found: ");
  }

  /** Kubernetes leaves the counts of a workload scaled to zero out of its status. */
  @Test
  void workloadsScaledToZeroAndBackReadAsReady() {
    try (WorkloadSimulation simulation = WorkloadSimulation.start(cluster.client())) {
      cluster
          .client()
          .resourceList(
              TestWorkloads.statefulSet("db", "postgres", 2, "postgres:15"),
              TestWorkloads.deployment("db", "api", 1, "api:1"))
          .create();
      Map<WorkloadRef, Integer> running = Map.of(POSTGRES, 2, API, 1);

      for (Map<WorkloadRef, Integer> replicas :
          List.of(running, Map.of(POSTGRES, 0, API, 0), running)) {
        replicas.forEach(
            (ref, count) -> {
              ScalableWorkloads.named(
                      cluster.client(), ref.kind().kind(), "db", ref.object().name())
                  .scale(count);
              TestWorkloads.awaitAllReady(cluster.client(), ref, count, WAIT);
            });

        for (WorkloadStatus status : workloads.status(replicas.keySet())) {
          int count = replicas.get(status.ref());
          assertThat(status.desiredReplicas()).as(status.ref().toString()).isEqualTo(count);
          assertThat(status.readyReplicas()).as(status.ref().toString()).isEqualTo(count);
          assertThat(status.currentReplicas()).as(status.ref().toString()).isEqualTo(count);
          assertThat(status.ready()).as(status.ref().toString()).isTrue();
        }
      }
    }
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
}
