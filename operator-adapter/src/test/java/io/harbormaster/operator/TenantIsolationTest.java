package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.DB;
import static io.harbormaster.operator.FleetApps.DB_NAMESPACE;
import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.harbormaster.api.crd.DrivenBy;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.ManagedAppSpec;
import io.harbormaster.api.crd.NamespacedName;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.api.crd.UpgradeRequestSpec;
import io.harbormaster.api.mapping.OperationStatusMapper;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.operator.deploy.DeployedRbac;
import io.harbormaster.sandbox.apiserver.RealApiServer;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.storage.VolumeSnapshotCrd;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant who may write ManagedApps and requests in namespace {@code attacker} tries every path to
 * another namespace's database through the operator: each upgrade fails in Pending with a reason
 * naming the object, and the victim's replicas (watched throughout), volumes, snapshots and git
 * stay as they were. The operator grants the sample apps their Kustomizations in flux-system, and
 * nothing to {@code attacker}. On the real API server the tenant is a user of its own, whose RBAC
 * allows Harbormaster's resources in {@code attacker} and nothing else.
 */
@Tag("both-api-servers")
class TenantIsolationTest {
  private static final Duration OPERATION = Duration.ofSeconds(90);
  private static final String ATTACKER = "attacker";
  private static final String EVIL = "evil";
  private static final String EVIL_FILE = "tenants/evil/kustomization.yaml";

  @TempDir Path work;
  private OperatorCluster cluster;
  private FleetApps apps;
  private Requests requests;
  private KubernetesClient tenant;
  private Requests tenantRequests;
  private Watch victimWatch;
  private final AtomicInteger victimLowestReplicas = new AtomicInteger(Integer.MAX_VALUE);
  private String victimPvcUid;
  private ObjectId fleetTip;

  @BeforeEach
  void victimAndAttacker() {
    cluster = new OperatorCluster(work);
    apps = new FleetApps(cluster);
    requests = new Requests(cluster.client);
    apps.web("1.0.0", "1m", true);
    apps.postgres("1.0.0", 1);
    victimWatch =
        cluster
            .client
            .apps()
            .statefulSets()
            .inNamespace(DB_NAMESPACE)
            .withName(DB)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, StatefulSet set) {
                    victimLowestReplicas.accumulateAndGet(set.getSpec().getReplicas(), Math::min);
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });
    cluster
        .client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ATTACKER).endMetadata().build())
        .create();
    tenant = tenantClient();
    tenantRequests = new Requests(tenant);
    // The attacker's own app, applied by a Kustomization of its own namespace, as Flux's
    // multi-tenancy keeps them.
    cluster.git.commit(
        OperatorCluster.BRANCH,
        Map.of(
            EVIL_FILE,
            """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
        - deployment.yaml
        images:
        - name: evil
          newTag: 1.0.0
        """,
            "tenants/evil/deployment.yaml",
            deployment(ATTACKER, "evil", "")),
        "tenant evil");
    cluster.sandbox.fetchFleet();
    kustomization(ATTACKER, EVIL, "./tenants/evil");
    apps.awaitReady(ATTACKER, EVIL);
    victimPvcUid =
        cluster
            .client
            .persistentVolumeClaims()
            .inNamespace(DB_NAMESPACE)
            .withName("data-postgres-0")
            .get()
            .getMetadata()
            .getUid();
    fleetTip = cluster.git.tip(OperatorCluster.BRANCH);
  }

  @AfterEach
  void stop() {
    victimWatch.close();
    if (tenant != cluster.client) {
      tenant.close();
    }
    cluster.close();
  }

  /**
   * The tenant: on a real API server a ServiceAccount allowed Harbormaster's resources in its
   * namespace only.
   */
  private KubernetesClient tenantClient() {
    Optional<RealApiServer> real = cluster.sandbox.apiServer().real();
    if (real.isEmpty()) {
      return cluster.client;
    }
    ServiceAccount account =
        cluster
            .client
            .serviceAccounts()
            .inNamespace(ATTACKER)
            .resource(
                new ServiceAccountBuilder()
                    .withNewMetadata()
                    .withName("tenant")
                    .endMetadata()
                    .build())
            .create();
    cluster
        .client
        .rbac()
        .roles()
        .inNamespace(ATTACKER)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("tenant")
                .endMetadata()
                .addNewRule()
                .withApiGroups("harbormaster.io")
                .withResources("managedapps", "upgraderequests", "rollbackrequests")
                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
                .endRule()
                // As harbormaster-local grants, for hm --local to write the status of the requests
                // it runs.
                .addNewRule()
                .withApiGroups("harbormaster.io")
                .withResources("upgraderequests/status", "rollbackrequests/status")
                .withVerbs("update", "patch")
                .endRule()
                .build())
        .create();
    cluster
        .client
        .rbac()
        .roleBindings()
        .inNamespace(ATTACKER)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("tenant")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "tenant")
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("tenant")
                .withNamespace(ATTACKER)
                .endSubject()
                .build())
        .create();
    return new KubernetesClientBuilder()
        .withConfig(real.get().tokenConfig(DeployedRbac.token(cluster.client, account)))
        .build();
  }

  @Test
  void snapshotsOfAnotherNamespacesPvcAreRefused() {
    managedApp(new NamespacedName(ATTACKER, EVIL), List.of("db/data-postgres-0"));

    assertRefused(
        "PVC db/data-postgres-0 (from spec.snapshots) is in namespace db, outside the namespace of app attacker/evil");
  }

  @Test
  void anotherNamespacesKustomizationIsRefused() {
    managedApp(new NamespacedName("flux-system", WEB), List.of());

    assertRefused(
        "Kustomization flux-system/web (from spec.flux) is in namespace flux-system, outside the namespace of app attacker/evil");
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void aWorkloadTheAppsInventoryPutInAnotherNamespaceIsRefused() {
    cluster.git.commit(
        OperatorCluster.BRANCH,
        Map.of(
            "tenants/evil/kustomization.yaml",
            """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
            - deployment.yaml
            - intruder.yaml
            images:
            - name: evil
              newTag: 1.0.0
            """,
            // Mounting the victim's PVC makes it the app's volume, and so the victim's StatefulSet
            // a workload to stop.
            "tenants/evil/intruder.yaml",
            deployment(
                DB_NAMESPACE,
                "intruder",
                """
                  volumes:
                  - name: data
                    persistentVolumeClaim:
                      claimName: data-postgres-0
            """)),
        "evil reaches into db");
    // Fetched, the new revision makes the tenant's Kustomization apply it.
    cluster.sandbox.fetchFleet();
    apps.awaitReady(DB_NAMESPACE, "intruder");
    fleetTip = cluster.git.tip(OperatorCluster.BRANCH);
    managedApp(new NamespacedName(ATTACKER, EVIL), List.of());

    assertRefused(
        "Deployment db/intruder (from status.inventory of Kustomization attacker/evil) is in namespace db");
    assertThat(apps.deployment(DB_NAMESPACE, "intruder").getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void aRequestStatusNamingAnotherNamespaceIsRefused() {
    managedApp(new NamespacedName(ATTACKER, EVIL), List.of());
    // An upgrade the operator leaves alone, its status written by hand, as hm --local users may
    // write it.
    UpgradeRequest forged = new UpgradeRequest();
    forged.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(ATTACKER)
            .withName("forged-up")
            .withAnnotations(Map.of(DrivenBy.ANNOTATION, DrivenBy.HM_LOCAL))
            .build());
    forged.setSpec(
        new UpgradeRequestSpec(
            EVIL, new UpgradeRequestSpec.Target("2.0.0", Map.of()), false, false, false));
    UpgradeRequest created = tenant.resource(forged).create();
    OperationState completed =
        OperationState.builder()
            .id(OperationId.upgrade(ObjectRef.of(ATTACKER, "forged-up")))
            .app(ObjectRef.of(ATTACKER, EVIL))
            .phase(Phase.COMPLETED)
            .phaseStartedAt(Instant.now())
            .settled(true)
            .commitId(fleetTip.name())
            .putSnapshot(
                ObjectRef.of(DB_NAMESPACE, "data-postgres-0"),
                ObjectRef.of(DB_NAMESPACE, "planted"))
            .build();
    created.setStatus(
        OperationStatusMapper.toStatus(
            completed, List.of(), created.getMetadata().getGeneration()));
    tenant.resource(created).updateStatus();

    tenantRequests.rollback(ATTACKER, "forged-back", "forged-up");
    RollbackRequest failed =
        await(requests.rollback(ATTACKER, "forged-back"), finished(), OPERATION);

    assertThat(failed.getStatus().phase()).isEqualTo("Failed");
    assertThat(failed.getStatus().failedIn()).isEqualTo("Pending");
    assertThat(failed.getStatus().message())
        .startsWith("PVC db/data-postgres-0 (from the status of rollback attacker/forged-back)")
        .contains("outside the namespace of app attacker/evil");
    assertVictimUntouched();
  }

  private void assertRefused(String reason) {
    tenantRequests.upgrade(ATTACKER, "evil-up", EVIL, "2.0.0", false, false);
    UpgradeRequest failed = await(requests.upgrade(ATTACKER, "evil-up"), finished(), OPERATION);

    assertThat(failed.getStatus().phase()).isEqualTo("Failed");
    assertThat(failed.getStatus().failedIn()).isEqualTo("Pending");
    assertThat(failed.getStatus().message()).startsWith(reason);
    assertVictimUntouched();
  }

  private void assertVictimUntouched() {
    assertThat(victimLowestReplicas.get())
        .as("the victim's replicas, watched throughout")
        .isEqualTo(1);
    assertThat(apps.statefulSet(DB_NAMESPACE, DB).getSpec().getReplicas()).isEqualTo(1);
    assertThat(
            cluster
                .client
                .persistentVolumeClaims()
                .inNamespace(DB_NAMESPACE)
                .withName("data-postgres-0")
                .get()
                .getMetadata()
                .getUid())
        .isEqualTo(victimPvcUid);
    assertThat(
            cluster
                .client
                .genericKubernetesResources(VolumeSnapshotCrd.API_VERSION, VolumeSnapshotCrd.KIND)
                .inAnyNamespace()
                .list()
                .getItems())
        .isEmpty();
    assertThat(cluster.git.tip(OperatorCluster.BRANCH)).as("git untouched").isEqualTo(fleetTip);
    assertThat(apps.suspended(SampleApps.DB_KUSTOMIZATION)).isFalse();
    assertThat(apps.deployment(ATTACKER, EVIL).getSpec().getReplicas())
        .as("not even the tenant's own app was stopped")
        .isEqualTo(1);
  }

  private void managedApp(NamespacedName kustomization, List<String> pvcs) {
    ManagedApp app = new ManagedApp();
    app.setMetadata(new ObjectMetaBuilder().withNamespace(ATTACKER).withName(EVIL).build());
    app.setSpec(
        new ManagedAppSpec(
            new ManagedAppSpec.Flux(kustomization, null),
            cluster.gitLocation(EVIL_FILE, "images[name=evil].newTag"),
            ManagedAppSpec.AutoUpdate.NONE,
            pvcs.isEmpty() ? null : new ManagedAppSpec.Snapshots(true, pvcs, null, null, null),
            "1m",
            true,
            null,
            null));
    tenant.resource(app).create();
  }

  private void kustomization(String namespace, String name, String path) {
    cluster
        .client
        .genericKubernetesResources("kustomize.toolkit.fluxcd.io/v1", "Kustomization")
        .inNamespace(namespace)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("kustomize.toolkit.fluxcd.io/v1")
                .withKind("Kustomization")
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .withAdditionalProperties(
                    Map.of(
                        "spec",
                        Map.of(
                            "interval",
                            "10m",
                            "path",
                            path,
                            "prune",
                            true,
                            "sourceRef",
                            Map.of(
                                "kind",
                                "GitRepository",
                                "name",
                                "fleet",
                                "namespace",
                                "flux-system"))))
                .build())
        .create();
  }

  private static String deployment(String namespace, String name, String volumes) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
          namespace: %s
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: %s
          template:
            metadata:
              labels:
                app: %s
            spec:
              containers:
              - name: app
                image: evil:0.0.0
        """
            .formatted(name, namespace, name, name)
        + volumes;
  }
}
