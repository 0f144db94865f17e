package io.harbormaster.operator;

import static io.harbormaster.operator.OperatorCluster.inFluxSystem;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.harbormaster.api.crd.ManagedAppSpec;
import io.harbormaster.api.crd.NamespacedName;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.storage.VolumeSnapshotCrd;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The sandbox's {@link SampleApps}, each declared to Harbormaster by a ManagedApp; the methods
 * return once Flux has applied the app and its pods are Ready.
 */
final class FleetApps {
  static final Duration WAIT = Duration.ofSeconds(30);

  static final String WEB_NAMESPACE = SampleApps.WEB_NAMESPACE;
  static final String WEB = SampleApps.WEB;
  static final String WEB_FILE = SampleApps.WEB_FILE;
  static final ObjectRef WEB_PVC = SampleApps.WEB_PVC;

  static final String DB_NAMESPACE = SampleApps.DB_NAMESPACE;
  static final String DB = SampleApps.DB;
  static final String DB_FILE = SampleApps.DB_FILE;
  static final ObjectRef DB_PVC = SampleApps.postgresPvc(0);

  /**
   * Helm's wait for the postgres release's pods: long enough for a healthy rollout on a loaded
   * machine, short so that a release that never gets ready fails soon.
   */
  static final String HELM_TIMEOUT = "10s";

  /**
   * Helm's wait in tests that wait it out on a release that never gets ready: their healthy
   * rollouts, of one database replica, are ready in well under a second.
   */
  static final String HELM_TIMEOUT_WAITED_OUT = "5s";

  private final OperatorCluster cluster;
  private final SampleApps samples;

  FleetApps(OperatorCluster cluster) {
    this(cluster, HELM_TIMEOUT);
  }

  /** The apps with Helm waiting {@code helmTimeout} for the postgres release's pods. */
  FleetApps(OperatorCluster cluster, String helmTimeout) {
    this.cluster = cluster;
    this.samples = new SampleApps(cluster.sandbox, helmTimeout);
  }

  void web(String tag, String healthCheckTimeout, boolean autoRollback) {
    samples.web(tag);
    declareWeb(healthCheckTimeout, autoRollback);
  }

  /**
   * The web app running {@code image} (one in a registry of the test's) at {@code tag}; its version
   * path names that image.
   */
  void webFromRegistry(String image, String tag) {
    samples.web(image, tag);
    cluster.managedApp(
        WEB_NAMESPACE,
        WEB,
        new ManagedAppSpec.Flux(inFluxSystem(WEB), null),
        cluster.gitLocation(WEB_FILE, SampleApps.webVersionPath(image)),
        "1m",
        true);
  }

  /** The web app applied from an OCIRepository that a CI pipeline publishes the fleet to. */
  void webFromOci(String tag, String healthCheckTimeout, boolean autoRollback) {
    samples.webFromOci(tag);
    declareWeb(healthCheckTimeout, autoRollback);
  }

  /** The web app applied from a Bucket that holds a copy of the fleet's files. */
  void webFromBucket(String tag) {
    samples.webFromBucket(tag);
    declareWeb("1m", true);
  }

  private void declareWeb(String healthCheckTimeout, boolean autoRollback) {
    cluster.managedApp(
        WEB_NAMESPACE,
        WEB,
        new ManagedAppSpec.Flux(inFluxSystem(WEB), null),
        cluster.gitLocation(WEB_FILE, SampleApps.WEB_VERSION_PATH),
        healthCheckTimeout,
        autoRollback);
  }

  static String webKustomization(String tag) {
    return SampleApps.webKustomization(tag);
  }

  /** The postgres HelmRelease with {@code replicas} database replicas, one PVC each. */
  void postgres(String chartVersion, int replicas) {
    samples.postgres(chartVersion, replicas);
    declarePostgres(cluster.gitLocation(DB_FILE, SampleApps.DB_VERSION_PATH));
  }

  /**
   * The postgres HelmRelease whose image tag lives in a ConfigMap it reads through {@code
   * valuesFrom}; Harbormaster upgrades that tag.
   */
  void postgresTaggedByConfigMap(String tag) {
    samples.postgresTaggedByConfigMap(tag);
    declarePostgres(cluster.gitLocation(SampleApps.DB_IMAGE_FILE, SampleApps.DB_IMAGE_TAG_PATH));
  }

  private void declarePostgres(ManagedAppSpec.Git version) {
    cluster.managedApp(
        DB_NAMESPACE,
        DB,
        new ManagedAppSpec.Flux(
            inFluxSystem(SampleApps.DB_KUSTOMIZATION), new NamespacedName(DB_NAMESPACE, DB)),
        version,
        "1m",
        true);
  }

  /** Whether the app's Kustomization is suspended. */
  boolean suspended(String kustomization) {
    return cluster.sandbox.suspended(kustomization);
  }

  Deployment deployment(String namespace, String name) {
    return cluster.client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  StatefulSet statefulSet(String namespace, String name) {
    return cluster.client.apps().statefulSets().inNamespace(namespace).withName(name).get();
  }

  /** The image the web app runs, once all its replicas are Ready. */
  String webImage() {
    return image(awaitReady(WEB_NAMESPACE, WEB).getSpec().getTemplate());
  }

  /** The image the postgres StatefulSet's template names. */
  String dbImage() {
    return image(statefulSet(DB_NAMESPACE, DB).getSpec().getTemplate());
  }

  private static String image(PodTemplateSpec template) {
    return template.getSpec().getContainers().get(0).getImage();
  }

  Deployment awaitReady(String namespace, String name) {
    return samples.awaitReady(namespace, name);
  }

  /** The commits on the fleet branch made for request {@code namespace/name}, newest first. */
  List<RevCommit> commitsFor(String namespace, String request) {
    return cluster.git.log(OperatorCluster.BRANCH).stream()
        .filter(
            commit ->
                commit
                    .getFullMessage()
                    .contains("Harbormaster-Operation: " + namespace + "/" + request))
        .toList();
  }

  /** The VolumeSnapshots taken of {@code pvc}. */
  List<GenericKubernetesResource> snapshotsOf(ObjectRef pvc) {
    return cluster
        .client
        .genericKubernetesResources(VolumeSnapshotCrd.API_VERSION, VolumeSnapshotCrd.KIND)
        .inNamespace(pvc.namespace())
        .list()
        .getItems()
        .stream()
        .filter(
            snapshot ->
                pvc.name().equals(snapshot.get("spec", "source", "persistentVolumeClaimName")))
        .toList();
  }
}
