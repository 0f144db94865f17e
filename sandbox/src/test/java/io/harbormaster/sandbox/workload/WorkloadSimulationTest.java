package io.harbormaster.sandbox.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.sandbox.apiserver.TestApiServer;
import io.harbormaster.sandbox.await.AwaitCondition;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("both-api-servers")
class WorkloadSimulationTest {
  private static final String NS = "db";
  private static final long WAIT_SECONDS = 10;
  private static final String BROKEN = "15.1-broken";

  @RegisterExtension final TestApiServer api = new TestApiServer("db");
  KubernetesClient client;
  private WorkloadSimulation simulation;

  @BeforeEach
  void start() {
    client = api.client();
    simulation = WorkloadSimulation.start(client, Set.of(BROKEN));
  }

  @AfterEach
  void stop() {
    simulation.close();
  }

  @Test
  void aDeploymentGetsAReplicaSetAndReadyPodsFromItsTemplate() {
    client.resource(deployment("api", 2, "api:1.0")).create();

    Deployment ready = awaitDeployment("api", d -> readyReplicas(d.getStatus()) == 2);

    List<ReplicaSet> replicaSets = client.apps().replicaSets().inNamespace(NS).list().getItems();
    assertThat(replicaSets)
        .singleElement()
        .satisfies(
            rs -> {
              assertThat(rs.getMetadata().getOwnerReferences())
                  .singleElement()
                  .satisfies(
                      owner -> {
                        assertThat(owner.getKind()).isEqualTo("Deployment");
                        assertThat(owner.getName()).isEqualTo("api");
                        assertThat(owner.getUid()).isEqualTo(ready.getMetadata().getUid());
                        assertThat(owner.getController()).isTrue();
                      });
              assertThat(rs.getSpec().getReplicas()).isEqualTo(2);
            });
    ReplicaSet replicaSet = replicaSets.get(0);
    assertThat(pods())
        .hasSize(2)
        .allSatisfy(
            pod -> {
              assertThat(pod.getMetadata().getName())
                  .startsWith(replicaSet.getMetadata().getName() + "-");
              assertThat(Ownership.controller(pod))
                  .hasValueSatisfying(
                      owner -> {
                        assertThat(owner.getKind()).isEqualTo("ReplicaSet");
                        assertThat(owner.getUid()).isEqualTo(replicaSet.getMetadata().getUid());
                      });
              assertThat(pod.getMetadata().getLabels()).containsEntry("app", "api");
              assertThat(pod.getSpec().getVolumes())
                  .extracting(v -> v.getPersistentVolumeClaim().getClaimName())
                  .containsExactly("api-cache");
              assertThat(Pods.ready(pod)).isTrue();
            });
    assertThat(ready.getStatus().getReplicas()).isEqualTo(2);
    assertThat(ready.getStatus().getUpdatedReplicas()).isEqualTo(2);
    assertThat(ready.getStatus().getObservedGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
  }

  @Test
  void aDeploymentScaledToZeroLosesItsPodsAndGetsThemBack() {
    client.resource(deployment("api", 2, "api:1.0")).create();
    awaitDeployment("api", d -> readyReplicas(d.getStatus()) == 2);

    client.apps().deployments().inNamespace(NS).withName("api").scale(0);
    awaitDeployment(
        "api", d -> d.getStatus().getReplicas() == null || d.getStatus().getReplicas() == 0);
    assertThat(pods()).isEmpty();

    client.apps().deployments().inNamespace(NS).withName("api").scale(2);
    awaitDeployment("api", d -> readyReplicas(d.getStatus()) == 2);
    assertThat(pods()).hasSize(2).allMatch(Pods::ready);
  }

  @Test
  void aNewTemplateReplacesThePodsAndABrokenTagNeverGetsReady() {
    client.resource(deployment("api", 1, "api:1.0")).create();
    awaitDeployment("api", d -> readyReplicas(d.getStatus()) == 1);

    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("api")
        .edit(
            d ->
                new DeploymentBuilder(d)
                    .editSpec()
                    .editTemplate()
                    .editSpec()
                    .editFirstContainer()
                    .withImage("registry.local:5000/api:" + BROKEN)
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build());

    Deployment upgraded =
        awaitDeployment(
            "api",
            d ->
                d.getStatus().getObservedGeneration().equals(d.getMetadata().getGeneration())
                    && d.getStatus().getUpdatedReplicas() == 1
                    && d.getStatus().getReplicas() == 1);
    assertThat(readyReplicas(upgraded.getStatus())).isZero();
    assertThat(client.apps().replicaSets().inNamespace(NS).list().getItems())
        .extracting(rs -> rs.getSpec().getReplicas())
        .containsExactlyInAnyOrder(0, 1);
    Pod pod =
        awaitPods(
                pods ->
                    pods.size() == 1
                        && pods.get(0).getStatus() != null
                        && pods.get(0).getStatus().getContainerStatuses().size() == 1)
            .get(0);
    assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
        .isEqualTo("CrashLoopBackOff");
  }

  @Test
  void deletingADeploymentDeletesItsReplicaSetsAndPods() {
    client.resource(deployment("api", 2, "api:1.0")).create();
    awaitDeployment("api", d -> readyReplicas(d.getStatus()) == 2);

    client.apps().deployments().inNamespace(NS).withName("api").delete();

    awaitPods(List::isEmpty);
    AwaitCondition.untilAll(
        client.apps().replicaSets().inNamespace(NS),
        List::isEmpty,
        Duration.ofSeconds(WAIT_SECONDS));
  }

  @Test
  void aStatefulSetGetsOrdinalPodsAndClaimsFromItsTemplates() {
    client.resource(statefulSet("postgres", 2, "postgres:15.0")).create();

    StatefulSet ready = awaitStatefulSet("postgres", s -> readyReplicas(s.getStatus()) == 2);

    assertThat(pods())
        .extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder("postgres-0", "postgres-1");
    Pod first = client.pods().inNamespace(NS).withName("postgres-0").get();
    assertThat(Ownership.controller(first))
        .hasValueSatisfying(
            owner -> {
              assertThat(owner.getKind()).isEqualTo("StatefulSet");
              assertThat(owner.getUid()).isEqualTo(ready.getMetadata().getUid());
            });
    assertThat(first.getMetadata().getLabels()).containsEntry("app", "postgres");
    assertThat(first.getSpec().getVolumes())
        .filteredOn(v -> v.getPersistentVolumeClaim() != null)
        .extracting(v -> v.getName() + "=" + v.getPersistentVolumeClaim().getClaimName())
        .containsExactly("data=data-postgres-0");
    assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems())
        .extracting(pvc -> pvc.getMetadata().getName())
        .containsExactlyInAnyOrder("data-postgres-0", "data-postgres-1");
    assertThat(
            client
                .persistentVolumeClaims()
                .inNamespace(NS)
                .withName("data-postgres-1")
                .get()
                .getSpec()
                .getResources()
                .getRequests())
        .containsEntry("storage", new Quantity("1Gi"));
    assertThat(ready.getStatus().getObservedGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
  }

  @Test
  void aStatefulSetScaledDownKeepsItsClaimsAndAPodWithAFinalizerTerminatesUntilReleased() {
    client.resource(statefulSet("postgres", 2, "postgres:15.0")).create();
    awaitStatefulSet("postgres", s -> readyReplicas(s.getStatus()) == 2);
    client
        .pods()
        .inNamespace(NS)
        .withName("postgres-1")
        .edit(
            p -> {
              p.getMetadata().getFinalizers().add("test.harbormaster.io/hold");
              return p;
            });

    client.apps().statefulSets().inNamespace(NS).withName("postgres").scale(0);

    awaitStatefulSet(
        "postgres", s -> s.getStatus().getReplicas() == 0 && readyReplicas(s.getStatus()) == 0);
    Pod held = awaitPods(pods -> pods.size() == 1 && !Pods.ready(pods.get(0))).get(0);
    assertThat(held.getMetadata().getName()).isEqualTo("postgres-1");
    assertThat(Pods.terminating(held)).isTrue();

    client
        .pods()
        .inNamespace(NS)
        .withName("postgres-1")
        .edit(
            p -> {
              p.getMetadata().getFinalizers().clear();
              return p;
            });
    awaitPods(List::isEmpty);
    assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems()).hasSize(2);

    client.apps().statefulSets().inNamespace(NS).withName("postgres").scale(2);
    awaitStatefulSet("postgres", s -> readyReplicas(s.getStatus()) == 2);
  }

  private static int readyReplicas(io.fabric8.kubernetes.api.model.apps.DeploymentStatus status) {
    return status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
  }

  private static int readyReplicas(io.fabric8.kubernetes.api.model.apps.StatefulSetStatus status) {
    return status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
  }

  private Deployment awaitDeployment(String name, Predicate<Deployment> condition) {
    return AwaitCondition.until(
        client.apps().deployments().inNamespace(NS).withName(name),
        d -> d != null && d.getStatus() != null && condition.test(d),
        Duration.ofSeconds(WAIT_SECONDS));
  }

  private StatefulSet awaitStatefulSet(String name, Predicate<StatefulSet> condition) {
    return AwaitCondition.until(
        client.apps().statefulSets().inNamespace(NS).withName(name),
        s -> s != null && s.getStatus() != null && condition.test(s),
        Duration.ofSeconds(WAIT_SECONDS));
  }

  private List<Pod> awaitPods(Predicate<List<Pod>> condition) {
    return AwaitCondition.untilAll(
        client.pods().inNamespace(NS), condition, Duration.ofSeconds(WAIT_SECONDS));
  }

  private List<Pod> pods() {
    return client.pods().inNamespace(NS).list().getItems();
  }

  private static PodTemplateSpec template(String app, String image) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .addToLabels("app", app)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(app)
        .withImage(image)
        .endContainer()
        .endSpec()
        .build();
  }

  private static Deployment deployment(String name, int replicas, String image) {
    PodTemplateSpec template =
        new PodTemplateSpecBuilder(template(name, image))
            .editSpec()
            .addNewVolume()
            .withName("cache")
            .withNewPersistentVolumeClaim()
            .withClaimName(name + "-cache")
            .endPersistentVolumeClaim()
            .endVolume()
            .endSpec()
            .build();
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(NS)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withTemplate(template)
        .endSpec()
        .build();
  }

  private static StatefulSet statefulSet(String name, int replicas, String image) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withNamespace(NS)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withServiceName(name)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withTemplate(template(name, image))
        .addNewVolumeClaimTemplate()
        .withNewMetadata()
        .withName("data")
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withNewResources()
        .addToRequests("storage", new Quantity("1Gi"))
        .endResources()
        .endSpec()
        .endVolumeClaimTemplate()
        .endSpec()
        .build();
  }
}
