package io.harbormaster.sandbox.cluster;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The sample apps of the fleet repository, kept as a Flux user keeps them, each applied by its own
 * Kustomization in {@code flux-system}. Each method commits the app, creates its Kustomization and
 * returns once Flux has applied it, its pods are Ready and its volumes Bound. Declaring the app to
 * Harbormaster (a ManagedApp) is the caller's part: the sandbox does not know Harbormaster's
 * resources.
 */
public final class SampleApps {
  static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * Deployment apps/web (image web, one replica) mounting PVC apps/data; the tag is set in
   * kustomization.yaml.
   */
  public static final String WEB_NAMESPACE = "apps";

  public static final String WEB = "web";
  public static final String WEB_FILE = "apps/web/kustomization.yaml";
  public static final String WEB_VERSION_PATH = webVersionPath(WEB);
  public static final ObjectRef WEB_PVC = ObjectRef.of(WEB_NAMESPACE, "data");

  /**
   * How long after a push the CI of {@link #webFromOci} publishes its artifact: seconds where a
   * real pipeline takes minutes, but longer than Harbormaster takes from its push to its first
   * request that the source fetch.
   */
  public static final Duration CI_DELAY = Duration.ofSeconds(3);

  /**
   * HelmRelease db/postgres of the sandbox's postgres chart, applied by Kustomization {@code db}:
   * StatefulSet postgres with one PVC {@code data-postgres-<i>} per replica, and Deployment
   * postgres-backup mounting {@code data-postgres-0}.
   */
  public static final String DB_NAMESPACE = "db";

  public static final String DB = "postgres";
  public static final String DB_KUSTOMIZATION = "db";
  public static final String DB_FILE = "apps/db/release.yaml";
  public static final String DB_VERSION_PATH = "spec.chart.spec.version";

  /** The ConfigMap holding the image tag of {@link #postgresTaggedByConfigMap}, and where in it. */
  public static final String DB_IMAGE_FILE = "apps/db/image.yaml";

  public static final String DB_IMAGE_TAG_PATH = "data.tag";

  /**
   * The HelmRelease's {@code spec.timeout} unless told otherwise: how long Helm waits for an
   * upgrade's pods before it fails the release. Shorter than helm-controller's 5m default, as a
   * small database's owner would set it.
   */
  public static final String HELM_TIMEOUT = "30s";

  /**
   * The operator's {@code HM_NAMESPACE_GRANTS} for these apps: their Kustomizations live in
   * flux-system, outside the apps' namespaces, as Flux keeps them.
   */
  public static final String NAMESPACE_GRANTS =
      WEB_NAMESPACE
          + ":"
          + SandboxCluster.FLUX_NAMESPACE
          + ","
          + DB_NAMESPACE
          + ":"
          + SandboxCluster.FLUX_NAMESPACE;

  private final SandboxCluster cluster;
  private final String helmTimeout;

  public SampleApps(SandboxCluster cluster) {
    this(cluster, HELM_TIMEOUT);
  }

  /**
   * Apps whose HelmRelease waits {@code helmTimeout} for its pods: tests that fail a release on
   * purpose set it short, as they would any timeout they wait out.
   */
  public SampleApps(SandboxCluster cluster, String helmTimeout) {
    this.cluster = cluster;
    this.helmTimeout = helmTimeout;
  }

  /** The web app at image tag {@code tag}, applied by Kustomization {@code web}. */
  public void web(String tag) {
    web(WEB, tag);
  }

  /**
   * The web app running image {@code image} (a name as a Deployment gives it, e.g. {@code
   * 127.0.0.1:5000/web} for one in a registry of the test's) at tag {@code tag}; its version path
   * is {@link #webVersionPath(String)}.
   */
  public void web(String image, String tag) {
    cluster.fleet().commit(SandboxCluster.BRANCH, webFiles(image, tag), "web " + tag);
    cluster.fetchFleet();
    cluster.kustomization(WEB, "./apps/web");
    awaitWeb();
  }

  /**
   * The web app at image tag {@code tag}, applied by Kustomization {@code web} from OCIRepository
   * {@code web}: a CI pipeline publishes {@code apps/web} of every commit of the fleet's branch as
   * an artifact ({@code flux push artifact --source --revision}) {@link #CI_DELAY} after the push,
   * and the OCIRepository pulls it every hour, or when asked.
   */
  public void webFromOci(String tag) {
    String artifact = cluster.publishAsOci("apps/web", "fleet/web", CI_DELAY);
    cluster.fleet().commit(SandboxCluster.BRANCH, webFiles(tag), "web " + tag);
    cluster.ociRepository(WEB, artifact);
    cluster.kustomization(WEB, "OCIRepository", WEB, "./");
    awaitWeb();
  }

  /**
   * The web app at image tag {@code tag}, applied by Kustomization {@code web} from Bucket {@code
   * web}, whose bucket holds the fleet's files as a sync job copied them from git.
   */
  public void webFromBucket(String tag) {
    cluster.fleet().commit(SandboxCluster.BRANCH, webFiles(tag), "web " + tag);
    cluster.objectStorage().put("fleet", webFiles(tag));
    cluster.bucket(WEB, "fleet");
    cluster.kustomization(WEB, "Bucket", WEB, "./apps/web");
    awaitWeb();
  }

  private void awaitWeb() {
    awaitReady(WEB_NAMESPACE, WEB);
    awaitBound(WEB_PVC);
  }

  private static Map<String, String> webFiles(String tag) {
    return webFiles(WEB, tag);
  }

  private static Map<String, String> webFiles(String image, String tag) {
    return Map.of(
        WEB_FILE,
        webKustomization(image, tag),
        "apps/web/namespace.yaml",
        namespace(WEB_NAMESPACE),
        "apps/web/deployment.yaml",
        """
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
                image: %s:0.0.0
              volumes:
              - name: data
                persistentVolumeClaim:
                  claimName: data
        """
            .formatted(image),
        "apps/web/pvc.yaml",
        """
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
        """);
  }

  /** The web app's kustomization.yaml, which sets its image tag. */
  public static String webKustomization(String tag) {
    return webKustomization(WEB, tag);
  }

  /**
   * {@link #webKustomization(String)} with Flux image automation's setter marker on the tag: the
   * automations of {@code policy}'s namespace write the tag ImagePolicy {@code policy} ({@code
   * <namespace>:<name>}) picks there.
   */
  public static String webKustomizationTrackedBy(String tag, String policy) {
    return webKustomization(tag)
        .replace(
            "newTag: " + tag + "\n",
            "newTag: " + tag + " # {\"$imagepolicy\": \"" + policy + ":tag\"}\n");
  }

  private static String webKustomization(String image, String tag) {
    return """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
        - namespace.yaml
        - deployment.yaml
        - pvc.yaml
        images:
        - name: %s
          newTag: %s
        """
        .formatted(image, tag);
  }

  /** Where in {@link #WEB_FILE} the tag of the web app running {@code image} is. */
  public static String webVersionPath(String image) {
    return "images[name=" + image + "].newTag";
  }

  /**
   * HelmRepository db/charts, the chart repository beside the release as Flux users keep it, at
   * {@code url} (the sandbox's is {@link SandboxCluster#chartRepositoryUrl()}): it fetches the
   * index every hour, so a chart version published since reaches Flux only when someone asks it to
   * fetch.
   */
  public static String chartRepository(String url) {
    return """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata:
          name: charts
          namespace: db
        spec:
          interval: 1h
          url: %s
        """
        .formatted(url);
  }

  /** The postgres HelmRelease at {@code chartVersion} with {@code replicas} database replicas. */
  public void postgres(String chartVersion, int replicas) {
    postgres(chartVersion, replicas, Map.of(), "");
  }

  /**
   * The postgres HelmRelease at chart 1.0.0 with one replica, running the image tag that ConfigMap
   * db/postgres-image ({@link #DB_IMAGE_FILE}) holds at {@link #DB_IMAGE_TAG_PATH}, read through
   * {@code spec.valuesFrom} with a {@code targetPath}. The ConfigMap carries no {@code
   * reconcile.fluxcd.io/watch} label, as most do not: helm-controller reads a change of it only
   * when it reconciles the release for another reason (its interval, a new spec, a request).
   */
  public void postgresTaggedByConfigMap(String tag) {
    postgres(
        "1.0.0",
        1,
        Map.of(
            DB_IMAGE_FILE,
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: postgres-image
              namespace: db
            data:
              tag: "%s"
            """
                .formatted(tag)),
        """
        valuesFrom:
        - kind: ConfigMap
          name: postgres-image
          valuesKey: tag
          targetPath: image.tag
        """);
  }

  /**
   * Commits the release with {@code moreFiles} beside it and {@code moreSpec} (more HelmRelease
   * {@code spec} fields) and waits for its replicas.
   */
  private void postgres(
      String chartVersion, int replicas, Map<String, String> moreFiles, String moreSpec) {
    Map<String, String> files = new LinkedHashMap<>(moreFiles);
    files.put("apps/db/namespace.yaml", namespace(DB_NAMESPACE));
    files.put("apps/db/repository.yaml", chartRepository(cluster.chartRepositoryUrl()));
    files.put(
        DB_FILE,
        helmRelease(
            DB,
            PostgresChart.NAME,
            chartVersion,
            helmTimeout,
            "values:\n  replicas: " + replicas + "\n" + moreSpec));
    cluster.fleet().commit(SandboxCluster.BRANCH, files, "postgres " + chartVersion);
    cluster.fetchFleet();
    cluster.kustomization(DB_KUSTOMIZATION, "./apps/db");
    AwaitCondition.until(
        cluster.client().apps().statefulSets().inNamespace(DB_NAMESPACE).withName(DB),
        (StatefulSet set) ->
            set != null
                && set.getStatus() != null
                && Objects.equals(set.getStatus().getReadyReplicas(), replicas),
        WAIT);
    awaitReady(DB_NAMESPACE, DB + "-backup");
    for (int i = 0; i < replicas; i++) {
      awaitBound(postgresPvc(i));
    }
  }

  /**
   * HelmRelease {@code db/<name>} of {@code chart} at {@code version} from the {@link
   * #chartRepository}, checked every 10 minutes, Helm waiting up to {@code timeout}; {@code
   * moreSpec} holds more {@code spec} fields, as YAML at the spec's level.
   */
  public static String helmRelease(
      String name, String chart, String version, String timeout, String moreSpec) {
    return """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: %s
          namespace: db
        spec:
          interval: 10m
          timeout: %s
          chart:
            spec:
              chart: %s
              version: "%s"
              sourceRef:
                kind: HelmRepository
                name: charts
        """
            .formatted(name, timeout, chart, version)
        + moreSpec.indent(2);
  }

  /**
   * An app's Namespace, kept in git beside the app as Flux users do: a real API server refuses
   * objects in a namespace that does not exist, and kustomize-controller applies Namespaces first.
   */
  public static String namespace(String name) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
        """
        .formatted(name);
  }

  /** The PVC of postgres replica {@code ordinal}. */
  public static ObjectRef postgresPvc(int ordinal) {
    return ObjectRef.of(DB_NAMESPACE, "data-" + DB + "-" + ordinal);
  }

  /** Waits until Deployment {@code namespace/name} has all its replicas Ready. */
  public Deployment awaitReady(String namespace, String name) {
    return AwaitCondition.until(
        cluster.client().apps().deployments().inNamespace(namespace).withName(name),
        deployment ->
            deployment != null
                && deployment.getStatus() != null
                && Objects.equals(
                    deployment.getStatus().getReadyReplicas(), deployment.getSpec().getReplicas()),
        WAIT);
  }

  private void awaitBound(ObjectRef pvc) {
    AwaitCondition.until(
        cluster.client().persistentVolumeClaims().inNamespace(pvc.namespace()).withName(pvc.name()),
        (PersistentVolumeClaim claim) ->
            claim != null
                && claim.getStatus() != null
                && "Bound".equals(claim.getStatus().getPhase()),
        WAIT);
  }
}
