package io.harbormaster.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.harbormaster.core.flux.ParentKustomization;
import io.harbormaster.core.health.ConditionStatus;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SourceKind;
import io.harbormaster.core.model.SourceRef;
import io.harbormaster.kubernetes.ObjectNotFoundException;
import io.harbormaster.sandbox.apiserver.MockCluster;
import io.harbormaster.sandbox.flux.FluxObjects;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KubernetesFluxReaderTest {
  private static final String REVISION = "main@sha1:0123456789abcdef0123456789abcdef01234567";
  private static final FluxRef KUSTOMIZATION =
      FluxRef.kustomization(ObjectRef.of("flux-system", "apps"));
  private static final FluxRef RELEASE = FluxRef.helmRelease(ObjectRef.of("db", "postgres"));

  @RegisterExtension final MockCluster cluster = new MockCluster();

  private FluxObjects flux;
  private KubernetesFluxReader reader;

  @BeforeEach
  void setUp() {
    flux = new FluxObjects(cluster.client());
    reader = new KubernetesFluxReader(cluster.client());
  }

  @Test
  void mapsReadyConditionRevisionAndGenerations() {
    flux.create(KUSTOMIZATION);
    flux.reportReady(
        KUSTOMIZATION,
        "True",
        "ReconciliationSucceeded",
        "Applied revision: " + REVISION,
        REVISION);

    FluxStatus status = reader.status(KUSTOMIZATION);

    assertThat(status.ref()).isEqualTo(KUSTOMIZATION);
    assertThat(status.suspended()).isFalse();
    assertThat(status.ready()).isEqualTo(ConditionStatus.TRUE);
    assertThat(status.readyReason()).contains("ReconciliationSucceeded");
    assertThat(status.readyMessage()).contains("Applied revision: " + REVISION);
    assertThat(status.appliedRevision()).contains(REVISION);
    assertThat(status.generation()).isPositive().isEqualTo(status.observedGeneration());
    assertThat(status.readyNow()).isTrue();
  }

  @Test
  void readsTheRevisionAKustomizationIsHealthCheckingFromItsHealthyCondition() {
    flux.create(KUSTOMIZATION);
    flux.reportReady(
        KUSTOMIZATION,
        "Unknown",
        "Progressing",
        "Reconciliation in progress",
        null,
        Map.of(
            "type",
            "Healthy",
            "status",
            "Unknown",
            "reason",
            "Progressing",
            "message",
            "Running health checks for revision " + REVISION + " with a timeout of 9m30s"));

    assertThat(reader.status(KUSTOMIZATION).healthCheckingRevision()).contains(REVISION);
    assertThat(reader.status(KUSTOMIZATION).healthCheckingCommit())
        .contains("0123456789abcdef0123456789abcdef01234567");

    flux.reportReady(
        KUSTOMIZATION,
        "False",
        "HealthCheckFailed",
        "health check failed after 9m30s",
        null,
        Map.of(
            "type",
            "Healthy",
            "status",
            "False",
            "reason",
            "HealthCheckFailed",
            "message",
            "timeout waiting for: []"));
    assertThat(reader.status(KUSTOMIZATION).healthCheckingRevision())
        .as("no longer checking")
        .isEmpty();
  }

  @Test
  void mapsAFailingHelmReleaseWithoutRevision() {
    flux.create(RELEASE);
    flux.reportReady(RELEASE, "False", "UpgradeFailed", "Helm upgrade failed: timed out", null);

    FluxStatus status = reader.status(RELEASE);

    assertThat(status.ready()).isEqualTo(ConditionStatus.FALSE);
    assertThat(status.readyReason()).contains("UpgradeFailed");
    assertThat(status.appliedRevision()).isEmpty();
    assertThat(status.describeReady())
        .isEqualTo("Ready=False (UpgradeFailed): Helm upgrade failed: timed out");
  }

  @Test
  void readsAHelmReleasesReleaseWantedChartRemediationAndWorkUnderWay() {
    flux.create(RELEASE);
    flux.resource(RELEASE)
        .edit(
            release -> {
              release.setAdditionalProperty(
                  "spec",
                  Map.of(
                      "interval",
                      "10m",
                      "chart",
                      Map.of("spec", Map.of("chart", "postgres", "version", "1.1.0")),
                      "upgrade",
                      Map.of("remediation", Map.of("retries", -1, "strategy", "uninstall"))));
              return release;
            });
    flux.reportReady(
        RELEASE,
        "True",
        "UpgradeSucceeded",
        "Helm upgrade succeeded",
        null,
        Map.of(
            "type",
            "Remediated",
            "status",
            "True",
            "reason",
            "UninstallSucceeded",
            "message",
            "Helm uninstall succeeded"));
    flux.resource(RELEASE)
        .editStatus(
            release -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> status =
                  (Map<String, Object>) release.getAdditionalProperties().get("status");
              status.put(
                  "history",
                  List.of(
                      Map.of(
                          "chartName",
                          "postgres",
                          "chartVersion",
                          "1.0.0",
                          "version",
                          1,
                          "configDigest",
                          "sha256:aaaa")));
              status.put("lastAttemptedConfigDigest", "sha256:bbbb");
              status.put("lastAttemptedGeneration", 7);
              status.put("lastHandledReconcileAt", "harbormaster-0123");
              @SuppressWarnings("unchecked")
              List<Map<String, Object>> conditions =
                  new java.util.ArrayList<>((List<Map<String, Object>>) status.get("conditions"));
              conditions.removeIf(condition -> "Reconciling".equals(condition.get("type")));
              conditions.add(
                  Map.of(
                      "type",
                      "Reconciling",
                      "status",
                      "True",
                      "reason",
                      "Progressing",
                      "message",
                      "Running 'upgrade' action"));
              status.put("conditions", conditions);
              return release;
            });

    FluxStatus status = reader.status(RELEASE);

    assertThat(status.lastRelease()).contains("postgres@1.0.0");
    assertThat(status.wantedChart()).contains("postgres@1.1.0");
    assertThat(status.readyNow()).as("Ready, but released at the old chart").isFalse();
    assertThat(status.selfRemediation())
        .contains("spec.upgrade.remediation.retries: -1, strategy uninstall");
    assertThat(status.remediated()).contains("UninstallSucceeded: Helm uninstall succeeded");
    assertThat(status.reconciling()).contains("Progressing: Running 'upgrade' action");
    assertThat(status.lastReleaseConfigDigest()).contains("sha256:aaaa");
    assertThat(status.attemptedConfigDigest()).contains("sha256:bbbb");
    assertThat(status.attemptedGeneration()).contains(7L);
    assertThat(status.handledReconcile()).contains("harbormaster-0123");
    assertThat(status.chartSources()).as("no sourceRef in this spec").isEmpty();
  }

  @Test
  void readsAStalledConditionAsFluxHavingGivenUp() {
    flux.create(RELEASE);
    flux.reportReady(
        RELEASE,
        "False",
        "UpgradeFailed",
        "Helm upgrade failed: timed out",
        null,
        Map.of(
            "type",
            "Stalled",
            "status",
            "True",
            "reason",
            "RetriesExceeded",
            "message",
            "Failed to upgrade after 1 attempt(s)"));

    FluxStatus status = reader.status(RELEASE);

    assertThat(status.stalled()).contains("RetriesExceeded: Failed to upgrade after 1 attempt(s)");
    assertThat(status.stalledNow()).isTrue();
  }

  @Test
  void aStalledConditionThatIsFalseIsNoStall() {
    flux.create(RELEASE);
    flux.reportReady(
        RELEASE,
        "False",
        "Progressing",
        "upgrading",
        null,
        Map.of(
            "type", "Stalled", "status", "False", "reason", "Progressing", "message", "retrying"));

    assertThat(reader.status(RELEASE).stalled()).isEmpty();
  }

  @Test
  void anObjectWithoutStatusIsUnknownAndNotUpToDate() {
    flux.create(KUSTOMIZATION);

    FluxStatus status = reader.status(KUSTOMIZATION);

    assertThat(status.ready()).isEqualTo(ConditionStatus.UNKNOWN);
    assertThat(status.readyReason()).isEmpty();
    assertThat(status.observedGeneration()).isZero();
    assertThat(status.readyNow()).isFalse();
  }

  @Test
  void aReadyConditionForAnOlderGenerationIsNotReadyNow() {
    flux.create(KUSTOMIZATION);
    flux.reportReady(KUSTOMIZATION, "True", "ReconciliationSucceeded", "Applied", REVISION);
    flux.resource(KUSTOMIZATION)
        .edit(
            object -> {
              object.setAdditionalProperty("spec", Map.of("interval", "5m"));
              return object;
            });

    FluxStatus status = reader.status(KUSTOMIZATION);

    assertThat(status.ready()).isEqualTo(ConditionStatus.TRUE);
    assertThat(status.generation()).isGreaterThan(status.observedGeneration());
    assertThat(status.readyNow()).isFalse();
    assertThat(status.describeReady())
        .contains("[generation " + status.generation() + " not yet observed]");
  }

  @Test
  void aHelmReleasesChartSourcesAreItsSourceRefThenTheHelmChartHelmControllerMakesOfIt() {
    flux.create(RELEASE);
    flux.resource(RELEASE)
        .edit(
            release -> {
              release.setAdditionalProperty(
                  "spec",
                  Map.of(
                      "chart",
                      Map.of(
                          "spec",
                          Map.of(
                              "chart",
                              "postgres",
                              "version",
                              "1.1.0",
                              "sourceRef",
                              Map.of(
                                  "kind",
                                  "HelmRepository",
                                  "name",
                                  "charts",
                                  "namespace",
                                  "flux-system")))));
              return release;
            });

    assertThat(reader.status(RELEASE).chartSources())
        .containsExactly(
            SourceRef.of(SourceKind.HELM_REPOSITORY, ObjectRef.of("flux-system", "charts")),
            SourceRef.of(SourceKind.HELM_CHART, ObjectRef.of("flux-system", "db-postgres")));

    flux.resource(RELEASE)
        .edit(
            release -> {
              release.setAdditionalProperty(
                  "spec",
                  Map.of("chartRef", Map.of("kind", "OCIRepository", "name", "postgres-chart")));
              return release;
            });
    assertThat(reader.status(RELEASE).chartSources())
        .containsExactly(
            SourceRef.of(SourceKind.OCI_REPOSITORY, ObjectRef.of("db", "postgres-chart")));
  }

  @Test
  void aHelmChartThatGaveUpOnTheVersionTheReleaseAsksForIsReadAsItsChartStalled() {
    releaseAsking("2.1.0");
    helmChart("2.1.0", true);

    assertThat(reader.status(RELEASE).chartStalled())
        .contains(
            "HelmChart db/db-postgres is Stalled (InvalidChartReference: invalid chart reference:"
                + " no 'postgres' chart with version matching '2.1.0' found)");
  }

  @Test
  void aHelmChartStalledOnAnotherVersionOrNotYetAtTheNewSpecSaysNothingOfThisOne() {
    releaseAsking("2.1.0");
    helmChart("1.9.0", true);
    assertThat(reader.status(RELEASE).chartStalled()).as("older version").isEmpty();

    cluster
        .client()
        .resource(helmChartObject("1.9.0"))
        .edit(
            chart -> {
              chart.setAdditionalProperty(
                  "spec", helmChartObject("2.1.0").getAdditionalProperties().get("spec"));
              return chart;
            });
    assertThat(reader.status(RELEASE).chartStalled())
        .as("spec changed, not yet observed by source-controller")
        .isEmpty();
  }

  @Test
  void aReleaseWithoutItsHelmChartYetHasNoChartStall() {
    releaseAsking("2.1.0");

    assertThat(reader.status(RELEASE).chartStalled()).isEmpty();
  }

  private void releaseAsking(String version) {
    flux.create(RELEASE);
    flux.resource(RELEASE)
        .edit(
            release -> {
              release.setAdditionalProperty(
                  "spec",
                  Map.of(
                      "chart",
                      Map.of(
                          "spec",
                          Map.of(
                              "chart",
                              "postgres",
                              "version",
                              version,
                              "sourceRef",
                              Map.of("kind", "HelmRepository", "name", "charts")))));
              return release;
            });
  }

  /** The HelmChart helm-controller makes for RELEASE, source-controller having acted on it. */
  private void helmChart(String version, boolean stalled) {
    GenericKubernetesResource created =
        cluster.client().resource(helmChartObject(version)).create();
    Map<String, Object> status = new java.util.HashMap<>(statusOf(version, stalled));
    status.put("observedGeneration", created.getMetadata().getGeneration());
    created.setAdditionalProperty("status", status);
    cluster.client().resource(created).updateStatus();
  }

  private static GenericKubernetesResource helmChartObject(String version) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(SourceKind.HELM_CHART.apiVersion())
        .withKind(SourceKind.HELM_CHART.kind())
        .withNewMetadata()
        .withNamespace("db")
        .withName("db-postgres")
        .endMetadata()
        .addToAdditionalProperties(
            "spec",
            Map.of(
                "chart",
                "postgres",
                "version",
                version,
                "sourceRef",
                Map.of("kind", "HelmRepository", "name", "charts")))
        .build();
  }

  private static Map<String, Object> statusOf(String version, boolean stalled) {
    String message =
        "invalid chart reference: no 'postgres' chart with version matching '"
            + version
            + "' found";
    return Map.of(
        "conditions",
        List.of(
            Map.of(
                "type",
                "Ready",
                "status",
                "False",
                "reason",
                "InvalidChartReference",
                "message",
                message),
            Map.of(
                "type",
                "Stalled",
                "status",
                stalled ? "True" : "False",
                "reason",
                "InvalidChartReference",
                "message",
                message)));
  }

  @Test
  void readsAKustomizationsSourceInItsOwnNamespaceUnlessItNamesOne() {
    flux.create(KUSTOMIZATION);
    flux.resource(KUSTOMIZATION)
        .edit(
            kustomization -> {
              kustomization.setAdditionalProperty(
                  "spec",
                  Map.of(
                      "interval",
                      "10m",
                      "sourceRef",
                      Map.of("kind", "GitRepository", "name", "fleet")));
              return kustomization;
            });

    assertThat(reader.status(KUSTOMIZATION).source())
        .contains(SourceRef.of(SourceKind.GIT_REPOSITORY, ObjectRef.of("flux-system", "fleet")));
  }

  @Test
  void readsSpecSuspend() {
    flux.create(RELEASE);
    assertThat(reader.status(RELEASE).suspended()).isFalse();

    flux.resource(RELEASE)
        .edit(
            release -> {
              release.setAdditionalProperty("spec", Map.of("interval", "10m", "suspend", true));
              return release;
            });

    assertThat(reader.status(RELEASE).suspended()).isTrue();
  }

  @Test
  void aMissingObjectIsAnErrorNamingKindAndObject() {
    assertThatThrownBy(() -> reader.status(RELEASE))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage(
            "HelmRelease db/postgres not found: check that spec.flux.helmRelease names an existing HelmRelease");
    assertThatThrownBy(() -> reader.status(KUSTOMIZATION))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage(
            "Kustomization flux-system/apps not found: check that spec.flux.kustomization names an existing Kustomization");
  }

  @Test
  void verifyParentsAcceptsAHelmReleaseAppliedByTheNamedKustomization() {
    flux.create(KUSTOMIZATION);
    flux.create(RELEASE, parentLabels("flux-system", "apps"));

    reader.verifyParents(helmApp());
  }

  @Test
  void verifyParentsRefusesAHelmReleaseAppliedByAnotherKustomization() {
    flux.create(KUSTOMIZATION);
    flux.create(RELEASE, parentLabels("flux-system", "databases"));

    assertThatThrownBy(() -> reader.verifyParents(helmApp()))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining(
            "HelmRelease db/postgres is applied by Kustomization flux-system/databases")
        .hasMessageEndingWith("set spec.flux.kustomization to flux-system/databases");
  }

  private static FluxSource helmApp() {
    return FluxSource.builder()
        .kustomization(KUSTOMIZATION.object())
        .helmRelease(RELEASE.object())
        .build();
  }

  private static Map<String, String> parentLabels(String namespace, String name) {
    return Map.of(
        ParentKustomization.NAME_LABEL, name, ParentKustomization.NAMESPACE_LABEL, namespace);
  }
}
