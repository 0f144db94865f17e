package io.harbormaster.operator.crd;

import static io.harbormaster.operator.crd.ResourceEdit.all;
import static io.harbormaster.operator.crd.ResourceEdit.remove;
import static io.harbormaster.operator.crd.ResourceEdit.set;
import static io.harbormaster.operator.crd.ResourceEdit.unchanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.ManagedAppSpec;
import io.harbormaster.api.crd.NamespacedName;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.StoragePolicy;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.api.crd.UpgradeRequestSpec;
import io.harbormaster.operator.deploy.DeployManifests;
import io.harbormaster.operator.deploy.DeployedRbac;
import io.harbormaster.sandbox.apiserver.RealApiServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRDs as {@code kubectl apply -k deploy/} installs them, on a real kube-apiserver: a resource
 * the operator would refuse is refused at once with 422 naming the field, and what users and the
 * product itself write is accepted.
 */
class CrdValidationOnRealApiServerTest {
  private static final Map<String, ResourceDefinitionContext> KINDS =
      Map.of(
          "ManagedApp", ResourceDefinitionContext.fromResourceType(ManagedApp.class),
          "UpgradeRequest", ResourceDefinitionContext.fromResourceType(UpgradeRequest.class),
          "RollbackRequest", ResourceDefinitionContext.fromResourceType(RollbackRequest.class),
          "StoragePolicy", ResourceDefinitionContext.fromResourceType(StoragePolicy.class));
  private static final AtomicInteger NAMES = new AtomicInteger();

  /** Every optional field set. */
  private static final String APP =
      """
      apiVersion: harbormaster.io/v1alpha1
      kind: ManagedApp
      spec:
        flux:
          kustomization: {namespace: flux-system, name: databases}
          helmRelease: {namespace: db, name: postgres}
        git:
          repository: https://git.example/fleet.git
          branch: release/1.x
          filePath: ./apps/db/release.yaml
          versionPath: spec.chart.spec.version
          imageTagPaths: {backup: "spec.values.images[name=backup].tag"}
          imagePolicy: flux-system:postgres
          credentialsSecret: fleet-git
        autoUpdate: minor
        snapshots:
          enabled: true
          pvcs: [data-postgres-0]
          excludePVCs: [scratch]
          volumeSnapshotClassName: csi-snapclass
          retention: {maxCount: 3, maxAge: 168h}
        healthCheckTimeout: 1h30m
        autoRollback: false
      """;

  private static final String UPGRADE =
      """
      apiVersion: harbormaster.io/v1alpha1
      kind: UpgradeRequest
      spec:
        app: postgres
        target:
          version: 15.4.0+build.7
          imageTags: {backup: v2_1}
        allowDowngrade: true
      """;
  private static final String ROLLBACK =
      """
      apiVersion: harbormaster.io/v1alpha1
      kind: RollbackRequest
      spec: {upgrade: postgres-15, skipSnapshot: true}
      """;

  /** Every optional field set. */
  private static final String POLICY =
      """
      apiVersion: harbormaster.io/v1alpha1
      kind: StoragePolicy
      spec:
        selector: {matchLabels: {app: postgres}}
        request: 10Gi
        limit: 1.5Ti
        targetBuffer: 25
        criticalThreshold: 97
        criticalMinimumFree: 500Mi
        step: 2Gi
        maintenanceWindow: {schedule: "0 0 3 * * *", duration: 2h}
        maxActionsPerDay: 6
        reservedForEmergency: 2
        minimumInterval: 6h
      """;

  private static KubernetesClient admin;
  private static String namespace;

  record Refused(String what, Map<String, Object> resource, String field) {
    @Override
    public String toString() {
      return what + " -> 422 at " + field;
    }
  }

  record Accepted(String what, Map<String, Object> resource) {
    @Override
    public String toString() {
      return what;
    }
  }

  @BeforeAll
  static void installTheCrds() {
    admin = new KubernetesClientBuilder().withConfig(RealApiServer.shared().adminConfig()).build();
    DeployedRbac.apply(admin, DeployManifests.render(DeployManifests.DEPLOY));
    // A name of the server's choosing: a namespace of an earlier run may still be terminating.
    Namespace own =
        new NamespaceBuilder()
            .withNewMetadata()
            .withGenerateName("crd-validation-")
            .endMetadata()
            .build();
    namespace = admin.namespaces().resource(own).create().getMetadata().getName();
  }

  @AfterAll
  static void deleteWhatWasCreated() {
    if (admin == null) {
      return;
    }
    if (namespace != null) {
      KINDS
          .values()
          .forEach(kind -> admin.genericKubernetesResources(kind).inNamespace(namespace).delete());
      admin.namespaces().withName(namespace).delete();
    }
    admin.close();
  }

  static Stream<Refused> refused() {
    return Stream.of(
        refused("a ManagedApp without spec", APP, remove("spec"), "spec"),
        refused("no flux", APP, remove("spec.flux"), "spec.flux"),
        refused(
            "no Kustomization", APP, remove("spec.flux.kustomization"), "spec.flux.kustomization"),
        refused(
            "a namespace that is no label",
            APP,
            set("spec.flux.kustomization.namespace", "Flux_System"),
            "spec.flux.kustomization.namespace"),
        refused(
            "a HelmRelease without name",
            APP,
            remove("spec.flux.helmRelease.name"),
            "spec.flux.helmRelease.name"),
        refused("no repository", APP, remove("spec.git.repository"), "spec.git.repository"),
        refused("a blank repository", APP, set("spec.git.repository", "  "), "spec.git.repository"),
        refused("an empty branch", APP, set("spec.git.branch", ""), "spec.git.branch"),
        refused(
            "a branch git refuses", APP, set("spec.git.branch", "release..1"), "spec.git.branch"),
        refused(
            "a branch with a space", APP, set("spec.git.branch", "my branch"), "spec.git.branch"),
        refused("no filePath", APP, remove("spec.git.filePath"), "spec.git.filePath"),
        refused(
            "an absolute filePath",
            APP,
            set("spec.git.filePath", "/etc/passwd"),
            "spec.git.filePath"),
        refused(
            "a filePath out of the repository",
            APP,
            set("spec.git.filePath", "apps/../../etc/passwd"),
            "spec.git.filePath"),
        refused("no versionPath", APP, remove("spec.git.versionPath"), "spec.git.versionPath"),
        refused(
            "an unclosed selector",
            APP,
            set("spec.git.versionPath", "images[name=web.newTag"),
            "spec.git.versionPath"),
        refused(
            "a selector without value",
            APP,
            set("spec.git.versionPath", "images[name].newTag"),
            "spec.git.versionPath"),
        refused(
            "an image tag path ending in a dot",
            APP,
            set("spec.git.imageTagPaths", Map.of("web", "images.")),
            "spec.git.imageTagPaths.web"),
        refused(
            "an imagePolicy without namespace",
            APP,
            set("spec.git.imagePolicy", "postgres"),
            "spec.git.imagePolicy"),
        refused(
            "a credentials Secret name",
            APP,
            set("spec.git.credentialsSecret", "Fleet_Git"),
            "spec.git.credentialsSecret"),
        refused("an unknown autoUpdate", APP, set("spec.autoUpdate", "always"), "spec.autoUpdate"),
        refused(
            "a timeout in words",
            APP,
            set("spec.healthCheckTimeout", "5 minutes"),
            "spec.healthCheckTimeout"),
        refused(
            "a zero timeout",
            APP,
            set("spec.healthCheckTimeout", "0m0s"),
            "spec.healthCheckTimeout"),
        refused(
            "autoRollback not a boolean",
            APP,
            set("spec.autoRollback", "yes"),
            "spec.autoRollback"),
        // Kubernetes 1.20 names a list item by its list, without the index.
        refused(
            "a PVC name",
            APP,
            set("spec.snapshots.pvcs", List.of("data-0", "Data_1")),
            "spec.snapshots.pvcs"),
        refused(
            "a PVC name with two namespaces",
            APP,
            set("spec.snapshots.pvcs", List.of("a/b/data-0")),
            "spec.snapshots.pvcs"),
        refused(
            "an excluded PVC name",
            APP,
            set("spec.snapshots.excludePVCs", List.of("")),
            "spec.snapshots.excludePVCs"),
        refused(
            "an empty VolumeSnapshotClass",
            APP,
            set("spec.snapshots.volumeSnapshotClassName", ""),
            "spec.snapshots.volumeSnapshotClassName"),
        refused(
            "keeping no snapshot",
            APP,
            set("spec.snapshots.retention.maxCount", 0),
            "spec.snapshots.retention.maxCount"),
        refused(
            "a count beyond an int",
            APP,
            set("spec.snapshots.retention.maxCount", 2_147_483_648L),
            "spec.snapshots.retention.maxCount"),
        refused(
            "a zero maxAge",
            APP,
            set("spec.snapshots.retention.maxAge", "0h"),
            "spec.snapshots.retention.maxAge"),
        refused("an UpgradeRequest without app", UPGRADE, remove("spec.app"), "spec.app"),
        refused("an app in another namespace", UPGRADE, set("spec.app", "db/postgres"), "spec.app"),
        refused("an empty target", UPGRADE, set("spec.target", Map.of()), "spec.target"),
        refused(
            "a version with a space",
            UPGRADE,
            set("spec.target.version", "1.0 beta"),
            "spec.target.version"),
        refused(
            "a version starting with a dot",
            UPGRADE,
            set("spec.target.version", ".1"),
            "spec.target.version"),
        refused(
            "a version of 129 characters",
            UPGRADE,
            set("spec.target.version", "v" + "1".repeat(128)),
            "spec.target.version"),
        refused(
            "an image tag with a colon",
            UPGRADE,
            set("spec.target.imageTags", Map.of("backup", "v2:1")),
            "spec.target.imageTags.backup"),
        refused("an UpgradeRequest without spec", UPGRADE, remove("spec"), "spec"),
        refused(
            "a RollbackRequest without upgrade", ROLLBACK, remove("spec.upgrade"), "spec.upgrade"),
        refused("an upgrade name", ROLLBACK, set("spec.upgrade", "Postgres-15"), "spec.upgrade"),
        refused("a RollbackRequest without spec", ROLLBACK, remove("spec"), "spec"),
        refused("a StoragePolicy without request", POLICY, remove("spec.request"), "spec.request"),
        refused("a limit in words", POLICY, set("spec.limit", "ten gigs"), "spec.limit"),
        refused("a negative step", POLICY, set("spec.step", "-1Gi"), "spec.step"),
        refused("a buffer of 95 %", POLICY, set("spec.targetBuffer", 95), "spec.targetBuffer"),
        refused("no buffer", POLICY, set("spec.targetBuffer", 0), "spec.targetBuffer"),
        refused(
            "a threshold past 100 %",
            POLICY, set("spec.criticalThreshold", 101), "spec.criticalThreshold"),
        refused(
            "no actions a day", POLICY, set("spec.maxActionsPerDay", 0), "spec.maxActionsPerDay"),
        refused(
            "a window without duration",
            POLICY,
            remove("spec.maintenanceWindow.duration"),
            "spec.maintenanceWindow.duration"),
        refused(
            "a minimum interval in words",
            POLICY,
            set("spec.minimumInterval", "six hours"),
            "spec.minimumInterval"));
  }

  static Stream<Accepted> accepted() {
    return Stream.of(
        accepted("a ManagedApp with every field", APP, unchanged()),
        accepted(
            "a ManagedApp with its required fields only",
            APP,
            set(
                "spec",
                Map.of(
                    "flux",
                        Map.of("kustomization", Map.of("namespace", "flux-system", "name", "web")),
                    "git",
                        Map.of(
                            "repository",
                            "/srv/git/fleet",
                            "filePath",
                            "web.yaml",
                            "versionPath",
                            "[name=web].tag")))),
        accepted(
            "values at the edges of the patterns",
            APP,
            all(
                set("spec.healthCheckTimeout", "0h1ms"),
                set("spec.git.filePath", "a/.b/c.d.yaml"),
                set("spec.git.branch", "a.b/c-d_e@f"),
                set("spec.git.versionPath", "a[k=v.w][x=y=z].b"),
                set("spec.snapshots.retention.maxCount", Integer.MAX_VALUE))),
        accepted(
            "PVCs named with their namespace, for an app that spans namespaces",
            APP,
            set("spec.snapshots.pvcs", List.of("db/data-0", "data-1"))),
        accepted("an UpgradeRequest with every field", UPGRADE, unchanged()),
        accepted("an UpgradeRequest of image tags only", UPGRADE, remove("spec.target.version")),
        accepted("an UpgradeRequest without target", UPGRADE, remove("spec.target")),
        accepted("a RollbackRequest", ROLLBACK, unchanged()),
        accepted("a StoragePolicy with every field", POLICY, unchanged()),
        accepted(
            "a StoragePolicy of a ManagedApp with its required fields only",
            POLICY,
            set("spec", Map.of("managedApp", "postgres", "request", "1e9", "limit", "20G"))),
        new Accepted("a ManagedApp as the operator's tests write it", ResourceEdit.of(typedApp())),
        new Accepted(
            "an UpgradeRequest as hm upgrade writes it", ResourceEdit.of(typedUpgrade(null))),
        new Accepted(
            "an UpgradeRequest as the sandbox writes it", ResourceEdit.of(typedUpgrade(Map.of()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusesWithTheFieldNamed(Refused row) {
    KubernetesClientException refusal =
        catchThrowableOfType(() -> create(row.resource()), KubernetesClientException.class);

    assertThat(refusal).as("the API server accepted %s", row.what()).isNotNull();
    assertThat(refusal.getCode()).as(refusal.getMessage()).isEqualTo(422);
    assertThat(refusal.getStatus().getDetails().getCauses())
        .as(refusal.getMessage())
        .extracting(StatusCause::getField)
        .contains(row.field());
    assertThat(refusal.getMessage()).contains(row.field() + ": ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void accepts(Accepted row) {
    GenericKubernetesResource created = create(row.resource());

    assertThat(created.getMetadata().getUid()).isNotNull();
  }

  @Test
  void theServerFillsInTheDefaults() {
    GenericKubernetesResource app =
        create(
            ResourceEdit.of(
                APP,
                all(
                    remove("spec.git.branch"),
                    remove("spec.autoUpdate"),
                    remove("spec.healthCheckTimeout"),
                    remove("spec.autoRollback"),
                    remove("spec.snapshots.retention.maxCount"))));
    GenericKubernetesResource upgrade =
        create(ResourceEdit.of(UPGRADE, remove("spec.allowDowngrade")));

    assertThat(app.<String>get("spec", "git", "branch")).isEqualTo("main");
    assertThat(app.<String>get("spec", "autoUpdate")).isEqualTo("none");
    assertThat(app.<String>get("spec", "healthCheckTimeout")).isEqualTo("5m");
    assertThat(app.<Boolean>get("spec", "autoRollback")).isTrue();
    assertThat(app.<Integer>get("spec", "snapshots", "retention", "maxCount")).isEqualTo(5);
    assertThat(upgrade.<Boolean>get("spec", "allowDowngrade")).isFalse();
    assertThat(upgrade.<Boolean>get("spec", "dryRun")).isFalse();
  }

  @Test
  void theServerFillsInAStoragePolicysDefaults() {
    GenericKubernetesResource policy =
        create(
            ResourceEdit.of(
                POLICY,
                set("spec", Map.of("selector", Map.of(), "request", "10Gi", "limit", "20Gi"))));

    assertThat(policy.<Integer>get("spec", "targetBuffer")).isEqualTo(20);
    assertThat(policy.<Integer>get("spec", "criticalThreshold")).isEqualTo(95);
    assertThat(policy.<String>get("spec", "criticalMinimumFree")).isEqualTo("1Gi");
    assertThat(policy.<String>get("spec", "step")).isEqualTo("1Gi");
    assertThat(policy.<Integer>get("spec", "maxActionsPerDay")).isEqualTo(4);
    assertThat(policy.<Integer>get("spec", "reservedForEmergency")).isEqualTo(1);
    assertThat(policy.<String>get("spec", "minimumInterval")).isEqualTo("6h");
  }

  private static Refused refused(
      String what, String yaml, UnaryOperator<Map<String, Object>> change, String field) {
    return new Refused(what, ResourceEdit.of(yaml, change), field);
  }

  private static Accepted accepted(
      String what, String yaml, UnaryOperator<Map<String, Object>> change) {
    return new Accepted(what, ResourceEdit.of(yaml, change));
  }

  private static ManagedApp typedApp() {
    ManagedApp app = new ManagedApp();
    app.setSpec(
        new ManagedAppSpec(
            new ManagedAppSpec.Flux(new NamespacedName("flux-system", "web"), null),
            new ManagedAppSpec.Git(
                "http://127.0.0.1:8080/fleet.git",
                "main",
                "apps/web/kustomization.yaml",
                "images[name=web].newTag",
                null,
                null,
                null),
            ManagedAppSpec.AutoUpdate.NONE,
            null,
            "1m",
            true,
            null,
            null));
    return app;
  }

  private static UpgradeRequest typedUpgrade(Map<String, String> imageTags) {
    UpgradeRequest request = new UpgradeRequest();
    request.setSpec(
        new UpgradeRequestSpec(
            "web", new UpgradeRequestSpec.Target("2.0.0", imageTags), false, false, false));
    return request;
  }

  /** Creates {@code resource} under a fresh name in the test's namespace. */
  private static GenericKubernetesResource create(Map<String, Object> resource) {
    Map<String, Object> copy = new LinkedHashMap<>(resource);
    copy.put("metadata", Map.of("name", "case-" + NAMES.incrementAndGet(), "namespace", namespace));
    GenericKubernetesResource object =
        Serialization.unmarshal(Serialization.asJson(copy), GenericKubernetesResource.class);
    return admin
        .genericKubernetesResources(KINDS.get(object.getKind()))
        .inNamespace(namespace)
        .resource(object)
        .create();
  }
}
