package io.harbormaster.sandbox.flux.chart;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small PostgreSQL chart: a StatefulSet {@code <release>} running {@code postgres:<tag>} with one
 * ReadWriteOnce volume claim template {@code data}, and a Deployment {@code <release>-backup} that
 * mounts the first replica's claim {@code data-<release>-0}, so an upgrade must stop both before it
 * snapshots the volume.
 *
 * <p>Values: {@code image.repository} (postgres), {@code image.tag} (the chart version's
 * appVersion), {@code replicas} (1), {@code persistence.storageClassName} (standard), {@code
 * persistence.size} (1Gi).
 */
public final class PostgresChart implements Chart {
  public static final String NAME = "postgres";

  /**
   * A release of the chart whose PostgreSQL never gets Ready (it runs {@link #CRASHING_TAG}):
   * Helm's wait for it times out and the release fails. Not the newest version, which a HelmRelease
   * without a version gets.
   */
  public static final String BROKEN_VERSION = "1.2.0";

  /**
   * The image tag {@link #BROKEN_VERSION} runs; the sandbox's kubelet never reports its pods Ready.
   */
  public static final String CRASHING_TAG = "15.3-crashloop";

  /**
   * A release of the chart whose templates fail to render: Helm fails every install or upgrade to
   * it before storing a revision.
   */
  public static final String UNRENDERABLE_VERSION = "1.3.0";

  /**
   * A release (PostgreSQL 16.2) the sandbox's repository does not list until a test publishes it
   * ({@link ChartCatalogue#publish}): a HelmRepository sees it only after its next fetch.
   */
  public static final String UNPUBLISHED_VERSION = "2.1.0";

  private final Map<String, String> versions;
  private final Set<String> broken;

  /**
   * @param versions chart version to the PostgreSQL version (appVersion) it packages
   */
  public PostgresChart(Map<String, String> versions) {
    this(versions, Set.of());
  }

  private PostgresChart(Map<String, String> versions, Set<String> broken) {
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("a chart needs at least one version");
    }
    this.versions = Map.copyOf(versions);
    this.broken = Set.copyOf(broken);
  }

  /**
   * Versions 1.0.0 (PostgreSQL 15.1), 1.1.0 (15.2), 2.0.0 (16.1), {@link #UNPUBLISHED_VERSION}
   * (16.2), and two bad releases: {@link #BROKEN_VERSION}, whose database crash-loops, and {@link
   * #UNRENDERABLE_VERSION}, whose templates do not render.
   */
  public static PostgresChart standard() {
    return new PostgresChart(
        Map.of(
            "1.0.0",
            "15.1",
            "1.1.0",
            "15.2",
            "2.0.0",
            "16.1",
            UNPUBLISHED_VERSION,
            "16.2",
            BROKEN_VERSION,
            CRASHING_TAG,
            UNRENDERABLE_VERSION,
            "15.4"),
        Set.of(UNRENDERABLE_VERSION));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> versions() {
    return versions;
  }

  @Override
  public List<HasMetadata> render(
      String releaseName, String namespace, String version, Map<String, Object> values) {
    String appVersion = versions.get(version);
    if (appVersion == null) {
      throw new IllegalArgumentException(
          "chart " + NAME + " has no version " + version + " (it has " + versions.keySet() + ")");
    }
    if (broken.contains(version)) {
      throw new IllegalArgumentException(
          "template: postgres/templates/statefulset.yaml:31:18: executing \"postgres/templates/"
              + "statefulset.yaml\" at <required \"persistence.existingClaim is required\" .Values.persistence.existingClaim>: "
              + "error calling required: persistence.existingClaim is required");
    }
    ChartValues chartValues = new ChartValues(values);
    String image =
        chartValues.text("image.repository", NAME)
            + ":"
            + chartValues.text("image.tag", appVersion);
    Map<String, String> labels = labels(releaseName, version, appVersion);
    Map<String, String> selector =
        Map.of("app.kubernetes.io/name", NAME, "app.kubernetes.io/instance", releaseName);
    Map<String, String> backupSelector = new LinkedHashMap<>(selector);
    backupSelector.put("app.kubernetes.io/component", "backup");
    return List.of(
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName(releaseName)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withServiceName(releaseName)
            .withReplicas(chartValues.integer("replicas", 1))
            .withNewSelector()
            .withMatchLabels(selector)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(selector)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName(NAME)
            .withImage(image)
            .addNewPort()
            .withName("postgres")
            .withContainerPort(5432)
            .endPort()
            .addNewVolumeMount()
            .withName("data")
            .withMountPath("/var/lib/postgresql/data")
            .endVolumeMount()
            .endContainer()
            .endSpec()
            .endTemplate()
            .addNewVolumeClaimTemplate()
            .withNewMetadata()
            .withName("data")
            .endMetadata()
            .withNewSpec()
            .withAccessModes("ReadWriteOnce")
            .withStorageClassName(chartValues.text("persistence.storageClassName", "standard"))
            .withNewResources()
            .addToRequests("storage", new Quantity(chartValues.text("persistence.size", "1Gi")))
            .endResources()
            .endSpec()
            .endVolumeClaimTemplate()
            .endSpec()
            .build(),
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(releaseName + "-backup")
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withReplicas(1)
            .withNewSelector()
            .withMatchLabels(backupSelector)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(backupSelector)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("backup")
            .withImage(image)
            .addNewVolumeMount()
            .withName("data")
            .withMountPath("/var/lib/postgresql/data")
            .withReadOnly(true)
            .endVolumeMount()
            .endContainer()
            .addNewVolume()
            .withName("data")
            .withNewPersistentVolumeClaim()
            .withClaimName("data-" + releaseName + "-0")
            .endPersistentVolumeClaim()
            .endVolume()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build());
  }

  private static Map<String, String> labels(String releaseName, String version, String appVersion) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", NAME);
    labels.put("app.kubernetes.io/instance", releaseName);
    labels.put("app.kubernetes.io/version", appVersion);
    labels.put("app.kubernetes.io/managed-by", "Helm");
    labels.put("helm.sh/chart", NAME + "-" + version);
    return labels;
  }
}
