package io.harbormaster.sandbox.workload;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.model.WorkloadKind;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.sandbox.await.AwaitCondition;
import java.time.Duration;

/** Deployments and StatefulSets for the sandbox controllers to run, and waits on what they run. */
public final class TestWorkloads {
  private TestWorkloads() {}

  public static Deployment deployment(String namespace, String name, int replicas, String image) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withTemplate(template(name, image))
        .endSpec()
        .build();
  }

  public static StatefulSet statefulSet(String namespace, String name, int replicas, String image) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
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

  /**
   * Waits on the workload's watch until it runs {@code ready} pods, every one of them ready
   * (Kubernetes leaves zero counts out of the status).
   */
  public static void awaitAllReady(
      KubernetesClient client, WorkloadRef ref, int ready, Duration timeout) {
    String namespace = ref.object().namespace();
    String name = ref.object().name();
    if (ref.kind() == WorkloadKind.DEPLOYMENT) {
      AwaitCondition.until(
          client.apps().deployments().inNamespace(namespace).withName(name),
          d ->
              d != null
                  && d.getStatus() != null
                  && allReady(d.getStatus().getReplicas(), d.getStatus().getReadyReplicas(), ready),
          timeout);
    } else {
      AwaitCondition.until(
          client.apps().statefulSets().inNamespace(namespace).withName(name),
          s ->
              s != null
                  && s.getStatus() != null
                  && allReady(s.getStatus().getReplicas(), s.getStatus().getReadyReplicas(), ready),
          timeout);
    }
  }

  private static boolean allReady(Integer replicas, Integer readyReplicas, int expected) {
    int existing = replicas == null ? 0 : replicas;
    return existing == expected && (readyReplicas == null ? 0 : readyReplicas) == expected;
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
}
