package io.harbormaster.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.discovery.DiscoveryException;
import io.harbormaster.core.discovery.VolumeTarget;
import io.harbormaster.core.discovery.WorkloadTarget;
import io.harbormaster.core.model.FluxKind;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SnapshotPolicy;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.core.tenancy.TenancyViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesAppDiscoveryTest {
  private static final String DB = "db";
  private static final ObjectRef HELM_RELEASE = ObjectRef.of("apps", "postgres");
  private static final String RELEASE = "db-postgres";

  /**
   * The operator's grants for these apps of namespace db: their Flux objects, and the wiki app's
   * namespace.
   */
  private static final Tenancy TENANCY =
      Tenancy.fromEnvironment(Map.of(Tenancy.GRANTS, "db:flux-system,db:apps,db:wiki"));

  private static final WorkloadRef POSTGRES = WorkloadRef.statefulSet(DB, "postgres");
  private static final WorkloadRef PGADMIN = WorkloadRef.deployment(DB, "pgadmin");
  private static final WorkloadRef BACKUP_AGENT = WorkloadRef.deployment(DB, "backup-agent");

  KubernetesMockServer server;
  KubernetesClient client;

  private ClusterFixture cluster;
  private KubernetesAppDiscovery discovery;

  /**
   * The postgres chart (v3) as Helm applied it to namespace db, with what the controllers made of
   * it: pod postgres-0 on PVC data-postgres-0, a pgadmin pod on pgadmin-data (RWO) and
   * shared-backups (RWX), and a backup agent outside the app that mounts data-postgres-0.
   */
  @BeforeEach
  void seedTheCluster() {
    cluster = new ClusterFixture(client);
    discovery = new KubernetesAppDiscovery(client, TENANCY);
    cluster.apply("postgres-manifest-v3.yaml", DB);
    cluster.pvc(DB, "data-postgres-0", "ReadWriteOnce");
    cluster.pod(DB, "postgres-0", "StatefulSet", "postgres", "data-postgres-0");
    cluster.pod(
        DB,
        "pgadmin-6d5f7c9b8-x2x7q",
        "ReplicaSet",
        cluster.replicaSet(DB, "pgadmin"),
        "pgadmin-data",
        "shared-backups");
    cluster.deployment(DB, "backup-agent", "data-postgres-0");
    cluster.pod(
        DB,
        "backup-agent-6d5f7c9b8-k8m2p",
        "ReplicaSet",
        cluster.replicaSet(DB, "backup-agent"),
        "data-postgres-0");
  }

  private static ManagedApp helmApp(SnapshotPolicy policy) {
    return app(
        FluxSource.builder()
            .kustomization(ObjectRef.of("flux-system", "apps"))
            .helmRelease(HELM_RELEASE)
            .build(),
        policy);
  }

  private static ManagedApp app(FluxSource flux, SnapshotPolicy policy) {
    return ManagedApp.builder()
        .id(ObjectRef.of(DB, "postgres"))
        .flux(flux)
        .git(
            GitLocation.builder()
                .repository("https://git.example.com/fleet.git")
                .filePath("apps/postgres/release.yaml")
                .versionPath("spec.chart.spec.version")
                .build())
        .snapshots(policy)
        .build();
  }

  private static SnapshotPolicy defaults() {
    return SnapshotPolicy.builder().build();
  }

  private static Map<String, Object> history(String release, int version) {
    return Map.of(
        "history",
        List.of(
            Map.of(
                "name",
                release,
                "namespace",
                DB,
                "version",
                version,
                "status",
                "deployed",
                "chartName",
                "postgresql",
                "chartVersion",
                "15.2.0"),
            Map.of(
                "name",
                release,
                "namespace",
                DB,
                "version",
                version - 1,
                "status",
                "superseded",
                "chartName",
                "postgresql",
                "chartVersion",
                "15.1.0")));
  }

  private static Map<String, Object> inventory(String... ids) {
    List<Map<String, String>> entries = new ArrayList<>();
    for (String id : ids) {
      entries.add(Map.of("id", id, "v", "v1"));
    }
    return Map.of("inventory", Map.of("entries", entries));
  }

  private void releaseSecrets() {
    cluster.helmReleaseSecret(
        "apps", RELEASE, 2, "superseded", DB, ClusterFixture.resource("postgres-manifest-v2.yaml"));
    cluster.helmReleaseSecret(
        "apps", RELEASE, 3, "deployed", DB, ClusterFixture.resource("postgres-manifest-v3.yaml"));
  }

  /** Runs discovery and returns the requests it made, read back from the mock's record. */
  private List<String> requestsOf(Runnable action) throws InterruptedException {
    int before = server.getRequestCount();
    for (int i = 0; i < before; i++) {
      server.takeRequest(1, TimeUnit.SECONDS);
    }
    action.run();
    List<String> requests = new ArrayList<>();
    for (int i = before; i < server.getRequestCount(); i++) {
      RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
      requests.add(request.getMethod() + " " + request.getPath());
    }
    return requests;
  }

  private static void assertTheWholeApp(AppTargets targets) {
    assertThat(targets.volumes())
        .containsExactly(
            VolumeTarget.of(
                ObjectRef.of(DB, "data-postgres-0"),
                "ReadWriteOnce PVC from claim template 'data' of StatefulSet db/postgres"),
            VolumeTarget.of(
                ObjectRef.of(DB, "pgadmin-data"),
                "ReadWriteOnce PVC in the pod template of Deployment db/pgadmin"));
    assertThat(targets.workloads())
        .containsExactly(
            WorkloadTarget.of(
                BACKUP_AGENT, "not part of the app, but mounts the app's PVC db/data-postgres-0"),
            WorkloadTarget.of(PGADMIN, "part of the app; uses PVC db/pgadmin-data"),
            WorkloadTarget.of(POSTGRES, "part of the app; uses PVC db/data-postgres-0"));
  }

  @Test
  void helmReleaseWithHistoryReadsTheSecretItNames() throws InterruptedException {
    cluster.flux(FluxKind.HELM_RELEASE, "helmrelease-postgres.yaml", history(RELEASE, 3));
    releaseSecrets();
    List<AppTargets> result = new ArrayList<>();

    List<String> requests = requestsOf(() -> result.add(discovery.discover(helmApp(defaults()))));

    assertTheWholeApp(result.get(0));
    assertThat(requests)
        .containsExactly(
            "GET /apis/helm.toolkit.fluxcd.io/v2/namespaces/apps/helmreleases/postgres",
            "GET /api/v1/namespaces/apps/secrets/sh.helm.release.v1.db-postgres.v3",
            "GET /api/v1/namespaces/db/pods",
            "GET /apis/apps/v1/namespaces/db/replicasets",
            "GET /api/v1/namespaces/db/persistentvolumeclaims");
  }

  @Test
  void aHelmReleaseStoredInANamespaceTheAppMayNotTouchIsRefusedBeforeItsSecretIsRead()
      throws InterruptedException {
    cluster.flux(FluxKind.HELM_RELEASE, "helmrelease-postgres.yaml", Map.of());
    client
        .genericKubernetesResources(FluxObject.context(FluxKind.HELM_RELEASE))
        .inNamespace("apps")
        .withName("postgres")
        .edit(
            release -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> spec =
                  (Map<String, Object>) release.getAdditionalProperties().get("spec");
              spec.put("storageNamespace", "vault");
              return release;
            });

    List<String> requests =
        requestsOf(
            () ->
                assertThatThrownBy(() -> discovery.discover(helmApp(defaults())))
                    .isInstanceOf(TenancyViolation.class)
                    .hasMessageStartingWith(
                        "the Helm release of HelmRelease apps/postgres (from spec.storageNamespace of HelmRelease apps/postgres)"
                            + " is in namespace vault, outside the namespace of app db/postgres"));

    assertThat(requests).noneMatch(request -> request.contains("/secrets"));
  }

  @Test
  void anInventoryEntryInANamespaceTheAppMayNotTouchIsRefusedBeforeItIsRead()
      throws InterruptedException {
    cluster.flux(
        FluxKind.HELM_RELEASE,
        "helmrelease-postgres.yaml",
        inventory("db_postgres_apps_StatefulSet", "payroll_ledger_apps_StatefulSet"));

    List<String> requests =
        requestsOf(
            () ->
                assertThatThrownBy(() -> discovery.discover(helmApp(defaults())))
                    .isInstanceOf(TenancyViolation.class)
                    .hasMessageStartingWith(
                        "StatefulSet payroll/ledger (from status.inventory of HelmRelease apps/postgres) is in namespace payroll"));

    assertThat(requests)
        .noneMatch(
            request ->
                request.contains("/namespaces/payroll/") || request.contains("/namespaces/db/"));
  }

  @Test
  void helmReleaseWithInventoryReadsTheLiveWorkloadsAndNoSecret() throws InterruptedException {
    cluster.flux(
        FluxKind.HELM_RELEASE,
        "helmrelease-postgres.yaml",
        inventory(
            "db_postgres__Service",
            "db_db-postgres__Secret",
            "db_pgadmin-data__PersistentVolumeClaim",
            "db_postgres_apps_StatefulSet",
            "db_pgadmin_apps_Deployment"));
    List<AppTargets> result = new ArrayList<>();

    List<String> requests = requestsOf(() -> result.add(discovery.discover(helmApp(defaults()))));

    assertTheWholeApp(result.get(0));
    assertThat(requests).hasSize(6).noneMatch(request -> request.contains("/secrets"));
    assertThat(requests)
        .filteredOn(request -> request.contains("/pods"))
        .containsExactly("GET /api/v1/namespaces/db/pods");
  }

  @Test
  void helmReleaseWithoutStatusUsesTheNewestReleaseSecret() throws InterruptedException {
    cluster.flux(FluxKind.HELM_RELEASE, "helmrelease-postgres.yaml", Map.of());
    releaseSecrets();
    List<AppTargets> result = new ArrayList<>();

    List<String> requests = requestsOf(() -> result.add(discovery.discover(helmApp(defaults()))));

    // v2 had no pgadmin: finding it proves v3 was read.
    assertTheWholeApp(result.get(0));
    assertThat(requests)
        .hasSize(5)
        .element(1)
        .asString()
        .startsWith("GET /api/v1/namespaces/apps/secrets?labelSelector=");
  }

  @Test
  void emptyHistoryCountsAsNoHistory() {
    cluster.flux(FluxKind.HELM_RELEASE, "helmrelease-postgres.yaml", Map.of("history", List.of()));
    releaseSecrets();

    assertTheWholeApp(discovery.discover(helmApp(defaults())));
  }

  @Test
  void helmReleaseWithNeitherStatusNorSecretIsAClearError() {
    cluster.flux(FluxKind.HELM_RELEASE, "helmrelease-postgres.yaml", Map.of());

    assertThatThrownBy(() -> discovery.discover(helmApp(defaults())))
        .isInstanceOf(DiscoveryException.class)
        .hasMessage(
            "HelmRelease apps/postgres has neither status.inventory nor status.history, and namespace apps holds no Helm"
                + " release secret sh.helm.release.v1.db-postgres.v*: has it been installed yet?");
  }

  @Test
  void historyNamingAMissingSecretIsAClearError() {
    cluster.flux(FluxKind.HELM_RELEASE, "helmrelease-postgres.yaml", history(RELEASE, 4));
    releaseSecrets();

    assertThatThrownBy(() -> discovery.discover(helmApp(defaults())))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining(
            "Helm release secret apps/sh.helm.release.v1.db-postgres.v4, named by status.history of HelmRelease apps/postgres, does not exist");
  }

  @Test
  void missingHelmReleaseIsAClearError() {
    assertThatThrownBy(() -> discovery.discover(helmApp(defaults())))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageStartingWith("HelmRelease apps/postgres does not exist");
  }

  @Test
  void kustomizationAppAtZeroReplicasStillHasItsClaimPvcs() {
    cluster.apply("wiki.yaml", "wiki");
    cluster.pvc("wiki", "content-wiki-0", "ReadWriteOnce");
    cluster.pvc("wiki", "content-wiki-1", "ReadWriteOnce");
    cluster.pvc("wiki", "content-wikipedia-0", "ReadWriteOnce");
    cluster.flux(FluxKind.KUSTOMIZATION, "kustomization-wiki.yaml", Map.of());

    AppTargets targets =
        discovery.discover(
            app(
                FluxSource.builder().kustomization(ObjectRef.of("flux-system", "wiki")).build(),
                defaults()));

    assertThat(targets.pvcs())
        .containsExactly(
            ObjectRef.of("wiki", "content-wiki-0"), ObjectRef.of("wiki", "content-wiki-1"));
    assertThat(targets.workloads())
        .containsExactly(
            WorkloadTarget.of(
                WorkloadRef.statefulSet("wiki", "wiki"),
                "part of the app; uses PVC wiki/content-wiki-0, wiki/content-wiki-1"));
  }

  @Test
  void kustomizationWithoutInventoryIsAClearError() {
    cluster.flux(FluxKind.KUSTOMIZATION, "kustomization-fresh.yaml", Map.of());

    assertThatThrownBy(
            () ->
                discovery.discover(
                    app(
                        FluxSource.builder()
                            .kustomization(ObjectRef.of("flux-system", "fresh"))
                            .build(),
                        defaults())))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageStartingWith("Kustomization flux-system/fresh has no status.inventory yet");
  }

  @Test
  void podNoWorkloadOwnsOnAnAppPvcIsAClearError() {
    cluster.flux(FluxKind.HELM_RELEASE, "helmrelease-postgres.yaml", history(RELEASE, 3));
    releaseSecrets();
    cluster.barePod(DB, "psql-debug", "data-postgres-0");

    assertThatThrownBy(() -> discovery.discover(helmApp(defaults())))
        .isInstanceOf(DiscoveryException.class)
        .hasMessage(
            "PVC db/data-postgres-0 is mounted by pod db/psql-debug, which no Deployment or StatefulSet controls (it has no"
                + " controller owner), so Harbormaster cannot stop it: delete the pod, or exclude the PVC in spec.snapshots.excludePVCs");
  }

  @Test
  void explicitPvcsReplaceTheDefaultList() {
    cluster.flux(FluxKind.HELM_RELEASE, "helmrelease-postgres.yaml", history(RELEASE, 3));
    releaseSecrets();

    AppTargets targets =
        discovery.discover(helmApp(SnapshotPolicy.builder().addPvc("shared-backups").build()));

    assertThat(targets.volumes())
        .containsExactly(
            VolumeTarget.of(ObjectRef.of(DB, "shared-backups"), "named in spec.snapshots.pvcs"));
    assertThat(targets.workloadRefs()).containsExactly(PGADMIN);
  }

  @Test
  void excludedPvcIsNeitherProtectedNorStopsItsUsers() {
    cluster.flux(FluxKind.HELM_RELEASE, "helmrelease-postgres.yaml", history(RELEASE, 3));
    releaseSecrets();
    cluster.barePod(DB, "psql-debug", "data-postgres-0");

    AppTargets targets =
        discovery.discover(
            helmApp(SnapshotPolicy.builder().addExcludePvc("data-postgres-0").build()));

    assertThat(targets.pvcs()).containsExactly(ObjectRef.of(DB, "pgadmin-data"));
    assertThat(targets.workloadRefs()).containsExactly(PGADMIN);
  }

  @Test
  void explicitPvcThatDoesNotExistIsNamed() {
    cluster.flux(FluxKind.HELM_RELEASE, "helmrelease-postgres.yaml", history(RELEASE, 3));
    releaseSecrets();

    assertThatThrownBy(
            () ->
                discovery.discover(
                    helmApp(SnapshotPolicy.builder().addPvc("data-postgres-1").build())))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining(
            "spec.snapshots.pvcs names PVC 'data-postgres-1', which does not exist");
  }

  @Test
  void corruptReleaseSecretNamesTheSecret() {
    cluster.flux(FluxKind.HELM_RELEASE, "helmrelease-postgres.yaml", history(RELEASE, 3));
    Secret notHelm =
        new SecretBuilder()
            .withNewMetadata()
            .withName("sh.helm.release.v1.db-postgres.v3")
            .endMetadata()
            .withType("helm.sh/release.v1")
            .withData(Map.of("release", "bm90LWhlbG0=")) // base64 of "not-helm"
            .build();
    client.secrets().inNamespace("apps").resource(notHelm).create();

    assertThatThrownBy(() -> discovery.discover(helmApp(defaults())))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("data.release of Secret apps/sh.helm.release.v1.db-postgres.v3");
  }
}
