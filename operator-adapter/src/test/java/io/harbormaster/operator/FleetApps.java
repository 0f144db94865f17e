package io.harbormaster.operator;

import static io.harbormaster.operator.OperatorCluster.BRANCH;
import static io.harbormaster.operator.OperatorCluster.inFluxSystem;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.operator.crd.ManagedAppSpec;
import io.harbormaster.operator.crd.NamespacedName;
import io.harbormaster.sandbox.storage.AwaitCondition;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The apps in the fleet repository, kept the way a Flux user keeps them, each applied by its own
 * Kustomization and declared to Harbormaster by a ManagedApp; the methods return once Flux has applied
 * the app and its pods are Ready.
 */
final class FleetApps {
  static final Duration WAIT = Duration.ofSeconds(30);

  /** Deployment apps/web (image web, one replica) mounting PVC apps/data, tag set in kustomization.yaml. */
  static final String WEB_NAMESPACE = "apps";
  static final String WEB = "web";
  static final String WEB_FILE = "apps/web/kustomization.yaml";
  static final ObjectRef WEB_PVC = ObjectRef.of(WEB_NAMESPACE, "data");

  /** HelmRelease db/postgres of the sandbox's postgres chart: StatefulSet postgres and Deployment postgres-backup. */
  static final String DB_NAMESPACE = "db";
  static final String DB = "postgres";
  static final String DB_FILE = "apps/db/release.yaml";
  static final ObjectRef DB_PVC = ObjectRef.of(DB_NAMESPACE, "data-postgres-0");

  private final OperatorCluster cluster;

  FleetApps(OperatorCluster cluster) {
    this.cluster = cluster;
  }

  void web(String tag, String healthCheckTimeout, boolean autoRollback) {
    cluster.git.commit(BRANCH, Map.of(
        WEB_FILE, webKustomization(tag),
        "apps/web/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: apps
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: web
                    image: web:0.0.0
                  volumes:
                  - name: data
                    persistentVolumeClaim:
                      claimName: data
            """,
        "apps/web/pvc.yaml", """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
              namespace: apps
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
            """), "web " + tag);
    cluster.kustomization(WEB, "./apps/web");
    cluster.managedApp(WEB_NAMESPACE, WEB, new ManagedAppSpec.Flux(inFluxSystem(WEB), null),
        cluster.gitLocation(WEB_FILE, "images[name=web].newTag"), healthCheckTimeout, autoRollback);
    awaitReady(WEB_NAMESPACE, "web");
    awaitBound(WEB_PVC);
  }

  static String webKustomization(String tag) {
    return """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
        - deployment.yaml
        - pvc.yaml
        images:
        - name: web
          newTag: %s
        """.formatted(tag);
  }

  void postgres(String chartVersion) {
    cluster.git.commit(BRANCH, Map.of(DB_FILE, """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: postgres
          namespace: db
        spec:
          interval: 10m
          chart:
            spec:
              chart: postgres
              version: "%s"
              sourceRef:
                kind: HelmRepository
                name: charts
        """.formatted(chartVersion)), "postgres " + chartVersion);
    cluster.kustomization("db", "./apps/db");
    cluster.managedApp(DB_NAMESPACE, DB,
        new ManagedAppSpec.Flux(inFluxSystem("db"), new NamespacedName(DB_NAMESPACE, DB)),
        cluster.gitLocation(DB_FILE, "spec.chart.spec.version"), "1m", true);
    AwaitCondition.until(cluster.client.apps().statefulSets().inNamespace(DB_NAMESPACE).withName(DB),
        set -> set != null && set.getStatus() != null && Objects.equals(set.getStatus().getReadyReplicas(), 1), WAIT);
    awaitReady(DB_NAMESPACE, DB + "-backup");
    awaitBound(DB_PVC);
  }

  /** Whether the app's Kustomization is suspended. */
  boolean suspended(String kustomization) {
    GenericKubernetesResource object =
        cluster.flux("kustomize.toolkit.fluxcd.io/v1", "Kustomization", OperatorCluster.FLUX_NAMESPACE, kustomization).get();
    return Boolean.TRUE.equals(object.get("spec", "suspend"));
  }

  Deployment deployment(String namespace, String name) {
    return cluster.client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  StatefulSet statefulSet(String namespace, String name) {
    return cluster.client.apps().statefulSets().inNamespace(namespace).withName(name).get();
  }

  Deployment awaitReady(String namespace, String name) {
    return AwaitCondition.until(cluster.client.apps().deployments().inNamespace(namespace).withName(name),
        deployment -> deployment != null && deployment.getStatus() != null
            && Objects.equals(deployment.getStatus().getReadyReplicas(), deployment.getSpec().getReplicas()),
        WAIT);
  }

  private void awaitBound(ObjectRef pvc) {
    AwaitCondition.until(cluster.client.persistentVolumeClaims().inNamespace(pvc.namespace()).withName(pvc.name()),
        (PersistentVolumeClaim claim) -> claim != null && claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase()),
        WAIT);
  }
}
