package io.harbormaster.sandbox.storage;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.harbormaster.sandbox.await.AwaitCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PVCs and the workloads that mount them, as a user declares them, for storage sizing's tests and
 * demo: a StorageClass, a claim that the sandbox binds, and a one-pod Deployment {@code
 * uses-<claim>} mounting it, which the sandbox's controllers place on a node and run.
 */
public final class ClaimedVolumes {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final String namespace;

  private ClaimedVolumes(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** The claims of {@code namespace}, which is created if it does not exist yet. */
  public static ClaimedVolumes in(KubernetesClient client, String namespace) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .createOr(NonDeletingOperation::update);
    return new ClaimedVolumes(client, namespace);
  }

  /**
   * A StorageClass of the sandbox's provisioner; {@code expandable} sets allowVolumeExpansion. A
   * class of that name made before (classes have no namespace) is replaced.
   */
  public void storageClass(String name, boolean expandable) {
    client
        .storage()
        .v1()
        .storageClasses()
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withProvisioner("sandbox.csi.harbormaster.io")
                .withAllowVolumeExpansion(expandable ? true : null)
                .build())
        .createOr(NonDeletingOperation::update);
  }

  /** A claim of {@code size} in {@code storageClass} with {@code labels}; returns once bound. */
  public PersistentVolumeClaim claim(
      String name, String size, String storageClass, Map<String, String> labels) {
    client
        .persistentVolumeClaims()
        .inNamespace(namespace)
        .resource(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withStorageClassName(storageClass)
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .addToRequests("storage", new Quantity(size))
                .endResources()
                .endSpec()
                .build())
        .create();
    return AwaitCondition.until(
        client.persistentVolumeClaims().inNamespace(namespace).withName(name),
        pvc -> pvc != null && pvc.getStatus() != null && "Bound".equals(pvc.getStatus().getPhase()),
        WAIT);
  }

  /**
   * A Deployment {@code uses-<claim>} of one pod mounting {@code claim} and {@code others} (a
   * database's data and its WAL, say); returns the node its pod runs on.
   */
  public String mount(String claim, String... others) {
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("uses-" + claim)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .addToMatchLabels("uses", claim)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("uses", claim)
                .endMetadata()
                .withSpec(mounting(claim, others))
                .endTemplate()
                .endSpec()
                .build())
        .create();
    return runningPods(claim, 1).get(0).getSpec().getNodeName();
  }

  /**
   * A pod spec of one container that mounts {@code claim} as volume {@code data} and each of {@code
   * others} as {@code data-2}, {@code data-3}, ...
   */
  public static PodSpec mounting(String claim, String... others) {
    PodSpecBuilder spec =
        new PodSpecBuilder()
            .addNewContainer()
            .withName("app")
            .withImage("postgres:16")
            .endContainer();
    List<String> claims = new ArrayList<>(List.of(claim));
    claims.addAll(List.of(others));
    for (int i = 0; i < claims.size(); i++) {
      spec.addNewVolume()
          .withName(i == 0 ? "data" : "data-" + (i + 1))
          .withNewPersistentVolumeClaim()
          .withClaimName(claims.get(i))
          .endPersistentVolumeClaim()
          .endVolume();
    }
    return spec.build();
  }

  /**
   * StatefulSet {@code name} of {@code replicas}, each with a PVC {@code data-<name>-<ordinal>} of
   * {@code size} in {@code storageClass} labelled {@code labels} (the template's); returns once its
   * pods run.
   */
  public List<Pod> statefulSet(
      String name, int replicas, String size, String storageClass, Map<String, String> labels) {
    client
        .apps()
        .statefulSets()
        .inNamespace(namespace)
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(name)
                .withNewSelector()
                .addToMatchLabels("uses", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("uses", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("postgres:16")
                .endContainer()
                .endSpec()
                .endTemplate()
                .addNewVolumeClaimTemplate()
                .withNewMetadata()
                .withName("data")
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withStorageClassName(storageClass)
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .addToRequests("storage", new Quantity(size))
                .endResources()
                .endSpec()
                .endVolumeClaimTemplate()
                .endSpec()
                .build())
        .create();
    return runningPods(name, replicas);
  }

  /** Scales StatefulSet {@code name}; returns once that many of its pods run. */
  public List<Pod> scaleStatefulSet(String name, int replicas) {
    client.apps().statefulSets().inNamespace(namespace).withName(name).scale(replicas);
    return runningPods(name, replicas);
  }

  /** Scales {@code uses-<claim>}; returns once that many of its pods run. */
  public List<Pod> scale(String claim, int replicas) {
    client.apps().deployments().inNamespace(namespace).withName("uses-" + claim).scale(replicas);
    return runningPods(claim, replicas);
  }

  /** The running pods labelled {@code uses=<user>}, once there are {@code count}. */
  private List<Pod> runningPods(String user, int count) {
    return AwaitCondition.untilAll(
        client.pods().inNamespace(namespace).withLabel("uses", user),
        pods ->
            pods.size() == count
                && pods.stream()
                    .allMatch(
                        pod ->
                            pod.getStatus() != null
                                && "Running".equals(pod.getStatus().getPhase())
                                && pod.getMetadata().getDeletionTimestamp() == null),
        WAIT);
  }
}
