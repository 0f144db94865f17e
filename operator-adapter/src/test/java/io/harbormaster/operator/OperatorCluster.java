package io.harbormaster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.operator.crd.CrdYaml;
import io.harbormaster.operator.crd.ManagedApp;
import io.harbormaster.operator.crd.ManagedAppSpec;
import io.harbormaster.operator.crd.NamespacedName;
import io.harbormaster.sandbox.storage.VolumeSnapshotCrd;
import io.harbormaster.sandbox.workload.WorkloadSimulation;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * The operator running in-process against fabric8's mock API server (CRUD mode), with the CRDs from
 * deploy/crds, the sandbox's workload controllers, a real git server on loopback, and one app: Deployment
 * apps/web (1 replica, PVC apps/data) applied by Kustomization flux-system/web from git.
 */
final class OperatorCluster implements AutoCloseable {
  static final String NAMESPACE = "apps";
  static final String APP = "web";
  static final String FILE = "kustomization.yaml";

  final KubernetesMockServer server;
  final KubernetesClient client;
  final LoopbackGitServer git;
  private final WorkloadSimulation workloads;
  private Operator operator;
  private final Path work;

  OperatorCluster(Path work) throws Exception {
    this.work = work;
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    client = server.createClient();
    installCrds();
    git = new LoopbackGitServer(work.resolve("remote"), APP, FILE,
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n- name: web\n  newTag: 1.0.0\n");
    workloads = WorkloadSimulation.start(client);
    createApp();
    startOperator();
  }

  void startOperator() {
    GitOpsSettings settings =
        GitOpsSettings.builder().workDirectory(work.resolve("operator-git")).authorName("hm").authorEmail("hm@localhost").build();
    operator = HarbormasterOperator.create(client, settings, Clock.systemUTC());
    operator.start();
  }

  void stopOperator() {
    operator.stop();
  }

  Resource<GenericKubernetesResource> kustomization() {
    return client.genericKubernetesResources("kustomize.toolkit.fluxcd.io/v1", "Kustomization").inNamespace("flux-system").withName(APP);
  }

  @Override
  public void close() throws Exception {
    operator.stop();
    workloads.close();
    git.close();
    client.close();
    server.destroy();
  }

  private void installCrds() throws IOException {
    try (Stream<Path> files = Files.list(CrdYaml.CHECKED_IN)) {
      for (Path file : files.toList()) {
        client.apiextensions().v1().customResourceDefinitions()
            .resource(Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class))
            .create();
      }
    }
    installCrd("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomizations");
    installCrd("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases");
    VolumeSnapshotCrd.install(client);
  }

  private void installCrd(String group, String version, String kind, String plural) {
    client.apiextensions().v1().customResourceDefinitions().resource(
        new CustomResourceDefinitionBuilder()
            .withNewMetadata().withName(plural + "." + group).endMetadata()
            .withNewSpec().withGroup(group).withScope("Namespaced")
            .withNewNames().withKind(kind).withPlural(plural).endNames()
            .addNewVersion().withName(version).withServed(true).withStorage(true)
            .withNewSubresources().withNewStatus().endStatus().endSubresources()
            .endVersion()
            .endSpec()
            .build()).create();
  }

  private void createApp() throws IOException {
    client.persistentVolumeClaims().inNamespace(NAMESPACE).resource(
        new PersistentVolumeClaimBuilder()
            .withNewMetadata().withName("data").endMetadata()
            .withNewSpec().withAccessModes("ReadWriteOnce")
            .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
            .endSpec()
            .build()).create();
    client.apps().deployments().inNamespace(NAMESPACE).resource(
        new DeploymentBuilder()
            .withNewMetadata().withName(APP).endMetadata()
            .withNewSpec().withReplicas(1)
            .withNewSelector().addToMatchLabels("app", APP).endSelector()
            .withNewTemplate()
            .withNewMetadata().addToLabels("app", APP).endMetadata()
            .withNewSpec()
            .addNewContainer().withName(APP).withImage("registry.local/web:1.0.0").endContainer()
            .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data").endPersistentVolumeClaim().endVolume()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build()).create();

    GenericKubernetesResource kustomization = new GenericKubernetesResource();
    kustomization.setApiVersion("kustomize.toolkit.fluxcd.io/v1");
    kustomization.setKind("Kustomization");
    kustomization.setMetadata(new ObjectMetaBuilder().withNamespace("flux-system").withName(APP).build());
    kustomization.setAdditionalProperty("spec", new LinkedHashMap<>(Map.of("interval", "10m", "path", "./" + APP)));
    kustomization = kustomization().create(kustomization);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("observedGeneration", kustomization.getMetadata().getGeneration());
    status.put("lastAppliedRevision", "main@sha1:" + git.tip().name());
    status.put("conditions", List.of(Map.of("type", "Ready", "status", "True", "reason", "ReconciliationSucceeded")));
    status.put("inventory", Map.of("entries", List.of(Map.of("id", NAMESPACE + "_" + APP + "_apps_Deployment", "v", "v1"))));
    kustomization.setAdditionalProperty("status", status);
    client.genericKubernetesResources("kustomize.toolkit.fluxcd.io/v1", "Kustomization")
        .inNamespace("flux-system")
        .resource(kustomization)
        .updateStatus();

    ManagedApp app = new ManagedApp();
    app.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(APP).build());
    app.setSpec(
        new ManagedAppSpec(
            new ManagedAppSpec.Flux(new NamespacedName("flux-system", APP), null),
            new ManagedAppSpec.Git(git.url(), "main", APP + "/" + FILE, "images[name=web].newTag", null, null, null),
            ManagedAppSpec.AutoUpdate.NONE,
            null,
            "1m",
            false));
    client.resource(app).create();
  }
}
