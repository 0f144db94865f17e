package io.harbormaster.discovery;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.discovery.HelmReleaseNames;
import io.harbormaster.core.model.FluxKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Seeds the mock API server with what Helm, Flux and the Kubernetes controllers would have left:
 * the mock runs no controller, so ReplicaSets, pods and claim PVCs are written here by hand.
 */
final class ClusterFixture {
  private final KubernetesClient client;

  ClusterFixture(KubernetesClient client) {
    this.client = client;
  }

  static String resource(String name) {
    try (InputStream in = ClusterFixture.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource fixtures/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Applies every object of a YAML resource in a namespace, as Helm or kustomize-controller would.
   */
  void apply(String resourceName, String namespace) {
    List<HasMetadata> objects =
        client.load(ClusterFixture.class.getResourceAsStream("/fixtures/" + resourceName)).items();
    objects.forEach(object -> client.resource(object).inNamespace(namespace).create());
  }

  /**
   * Creates a Flux object from a YAML resource, with {@code status} merged in as its controller
   * would write it.
   */
  GenericKubernetesResource flux(FluxKind kind, String resourceName, Map<String, Object> status) {
    GenericKubernetesResource object =
        client
            .getKubernetesSerialization()
            .unmarshal(resource(resourceName), GenericKubernetesResource.class);
    if (!status.isEmpty()) {
      object.setAdditionalProperty("status", status);
    }
    return client
        .genericKubernetesResources(FluxObject.context(kind))
        .inNamespace(object.getMetadata().getNamespace())
        .resource(object)
        .create();
  }

  /** A release secret exactly as Helm stores it, holding this manifest. */
  Secret helmReleaseSecret(
      String namespace,
      String release,
      int revision,
      String status,
      String releaseNamespace,
      String manifest) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", release);
    json.put("namespace", releaseNamespace);
    json.put("version", revision);
    json.put("info", Map.of("status", status, "description", "Upgrade complete"));
    json.put(
        "chart",
        Map.of(
            "metadata",
            Map.of(
                "name", "postgresql", "version", "15." + revision + ".0", "appVersion", "16.2.0")));
    json.put("config", Map.of("auth", Map.of("database", "app")));
    json.put("manifest", manifest);
    byte[] helmEncoded =
        Base64.getEncoder().encode(gzip(client.getKubernetesSerialization().asJson(json)));
    return client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(HelmReleaseNames.secretName(release, revision))
                .withLabels(
                    Map.of(
                        "owner",
                        "helm",
                        "name",
                        release,
                        "version",
                        String.valueOf(revision),
                        "status",
                        status))
                .endMetadata()
                .withType("helm.sh/release.v1")
                .withData(Map.of("release", Base64.getEncoder().encodeToString(helmEncoded)))
                .build())
        .create();
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A Deployment outside any app, with the given PVC volumes in its template. */
  void deployment(String namespace, String name, String... claims) {
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(name)
                .withImage("busybox:1.36")
                .endContainer()
                .withVolumes(claimVolumes(claims))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  /** What the Deployment controller creates: a ReplicaSet it controls, returned by name. */
  String replicaSet(String namespace, String deployment) {
    String name = deployment + "-6d5f7c9b8";
    client
        .apps()
        .replicaSets()
        .inNamespace(namespace)
        .resource(
            new ReplicaSetBuilder()
                .withNewMetadata()
                .withName(name)
                .withOwnerReferences(controller("Deployment", deployment))
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .addToMatchLabels("app", deployment)
                .endSelector()
                .endSpec()
                .build())
        .create();
    return name;
  }

  /**
   * A pod controlled by an apps/v1 owner ({@code ReplicaSet} or {@code StatefulSet}), mounting
   * these PVCs.
   */
  void pod(String namespace, String name, String ownerKind, String ownerName, String... claims) {
    PodBuilder pod =
        podBuilder(namespace, name, claims)
            .editMetadata()
            .withOwnerReferences(controller(ownerKind, ownerName))
            .endMetadata();
    client.pods().inNamespace(namespace).resource(pod.build()).create();
  }

  /** A pod nobody controls, such as one started by {@code kubectl run} to inspect a volume. */
  void barePod(String namespace, String name, String... claims) {
    client
        .pods()
        .inNamespace(namespace)
        .resource(podBuilder(namespace, name, claims).build())
        .create();
  }

  private static PodBuilder podBuilder(String namespace, String name, String... claims) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withImage("busybox:1.36")
        .endContainer()
        .withVolumes(claimVolumes(claims))
        .endSpec();
  }

  void pvc(String namespace, String name, String accessMode) {
    client
        .persistentVolumeClaims()
        .inNamespace(namespace)
        .resource(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withAccessModes(accessMode)
                .withNewResources()
                .addToRequests("storage", new Quantity("1Gi"))
                .endResources()
                .endSpec()
                .build())
        .create();
  }

  private static List<Volume> claimVolumes(String... claims) {
    return Arrays.stream(claims)
        .map(
            claim ->
                new VolumeBuilder()
                    .withName(claim)
                    .withNewPersistentVolumeClaim()
                    .withClaimName(claim)
                    .endPersistentVolumeClaim()
                    .build())
        .toList();
  }

  private static OwnerReference controller(String kind, String name) {
    return new OwnerReferenceBuilder()
        .withApiVersion("apps/v1")
        .withKind(kind)
        .withName(name)
        .withUid(name + "-uid")
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
