package io.harbormaster.sandbox.flux;

import static io.harbormaster.sandbox.flux.FluxFixture.NS;
import static io.harbormaster.sandbox.flux.FluxFixture.condition;
import static io.harbormaster.sandbox.flux.FluxFixture.ready;
import static io.harbormaster.sandbox.flux.FluxFixture.readyCondition;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.discovery.AppWorkload;
import io.harbormaster.core.discovery.HelmRelease;
import io.harbormaster.core.discovery.HelmReleaseDecoder;
import io.harbormaster.core.discovery.ManifestReader;
import io.harbormaster.core.flux.ParentKustomization;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.sandbox.apiserver.TestApiServer;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Tag("both-api-servers")
class HelmReleaseSimulationTest {
  private static final String DB = "db";
  private static final String PATH = "apps/db";

  /** Helm's wait for a release's pods: short, so a release that cannot get ready fails soon. */
  private static final String HELM_TIMEOUT = "4s";

  @RegisterExtension final TestApiServer api = new TestApiServer("flux-system", "db");
  KubernetesClient client;
  @TempDir Path temp;
  private FluxFixture fixture;
  private GitFixture git;

  @BeforeEach
  void start() {
    client = api.client();
    fixture = FluxFixture.start(client, temp);
    git = fixture.git();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aHelmReleaseInGitInstallsTheChartAndStoresADecodableRelease() {
    pushRelease("postgres", "1.0.0");
    fixture.kustomization("db", PATH, Map.of());

    GenericKubernetesResource helmRelease =
        fixture.await(FluxType.HELM_RELEASE, DB, "postgres", ready("True"));

    assertThat(helmRelease.getMetadata().getLabels())
        .containsEntry(ParentKustomization.NAME_LABEL, "db");
    assertThat(readyCondition(helmRelease))
        .containsEntry("reason", "InstallSucceeded")
        .containsEntry(
            "message",
            "Helm install succeeded for release db/postgres.v1 with chart postgres@1.0.0");
    assertThat(Fields.text(helmRelease, "status", "lastAttemptedRevision")).hasValue("1.0.0");
    StatefulSet set = client.apps().statefulSets().inNamespace(DB).withName("postgres").get();
    assertThat(set.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("postgres:15.1");
    assertThat(set.getSpec().getReplicas()).isEqualTo(1);
    PersistentVolumeClaim template = set.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(template.getMetadata().getName()).isEqualTo("data");
    assertThat(template.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(template.getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(template.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("1Gi");
    assertThat(set.getMetadata().getAnnotations())
        .containsEntry("meta.helm.sh/release-name", "postgres");
    Deployment backup =
        client.apps().deployments().inNamespace(DB).withName("postgres-backup").get();
    assertThat(
            backup
                .getSpec()
                .getTemplate()
                .getSpec()
                .getVolumes()
                .get(0)
                .getPersistentVolumeClaim()
                .getClaimName())
        .isEqualTo("data-postgres-0");

    Secret secret =
        client.secrets().inNamespace(DB).withName("sh.helm.release.v1.postgres.v1").get();
    assertThat(secret.getType()).isEqualTo("helm.sh/release.v1");
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("owner", "helm")
        .containsEntry("name", "postgres")
        .containsEntry("version", "1")
        .containsEntry("status", "deployed");
    HelmRelease release = decode(secret);
    assertThat(release.name()).isEqualTo("postgres");
    assertThat(release.namespace()).isEqualTo(DB);
    assertThat(release.version()).isEqualTo(1);
    assertThat(release.status()).isEqualTo("deployed");
    assertThat(release.chartName()).isEqualTo("postgres");
    assertThat(release.chartVersion()).isEqualTo("1.0.0");
    assertThat(release.appVersion()).hasValue("15.1");
    assertThat(new ManifestReader().workloads(release.manifest(), DB, "manifest"))
        .extracting(AppWorkload::ref)
        .extracting(ref -> ref.kind().kind() + " " + ref.object())
        .containsExactlyInAnyOrder("StatefulSet db/postgres", "Deployment db/postgres-backup");

    assertThat(history(helmRelease))
        .singleElement()
        .satisfies(
            entry ->
                assertThat(entry)
                    .containsEntry("name", "postgres")
                    .containsEntry("namespace", DB)
                    .containsEntry("version", 1)
                    .containsEntry("status", "deployed")
                    .containsEntry("chartName", "postgres")
                    .containsEntry("chartVersion", "1.0.0")
                    .containsEntry("appVersion", "15.1"));
  }

  @Test
  void aChartVersionBumpInGitUpgradesToRevisionTwoAndSupersedesTheFirst() {
    installedAt100();

    pushRelease("postgres", "1.1.0");
    fixture.reconcileWithSource("db");

    GenericKubernetesResource helmRelease =
        fixture.await(
            FluxType.HELM_RELEASE,
            DB,
            "postgres",
            ready("True")
                .and(
                    object ->
                        Fields.text(object, "status", "lastAttemptedRevision")
                            .orElse("")
                            .equals("1.1.0")));
    assertThat(readyCondition(helmRelease))
        .containsEntry("reason", "UpgradeSucceeded")
        .containsEntry(
            "message",
            "Helm upgrade succeeded for release db/postgres.v2 with chart postgres@1.1.0");
    assertThat(history(helmRelease))
        .extracting(
            entry ->
                entry.get("version") + " " + entry.get("status") + " " + entry.get("chartVersion"))
        .containsExactly("2 deployed 1.1.0", "1 superseded 1.0.0");
    assertThat(
            client
                .apps()
                .statefulSets()
                .inNamespace(DB)
                .withName("postgres")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("postgres:15.2");
    Secret first =
        client.secrets().inNamespace(DB).withName("sh.helm.release.v1.postgres.v1").get();
    assertThat(first.getMetadata().getLabels()).containsEntry("status", "superseded");
    assertThat(decode(first).status()).isEqualTo("superseded");
    assertThat(
            decode(
                    client
                        .secrets()
                        .inNamespace(DB)
                        .withName("sh.helm.release.v1.postgres.v2")
                        .get())
                .status())
        .isEqualTo("deployed");
  }

  @Test
  void anUpgradeWhosePodsNeverGetReadyFailsHelmsWaitAndStallsUntilTheSpecChanges() {
    installedAt100();

    pushRelease("postgres", PostgresChart.BROKEN_VERSION);
    fixture.reconcileWithSource("db");
    GenericKubernetesResource failed =
        fixture.await(FluxType.HELM_RELEASE, DB, "postgres", stalled());

    assertThat(readyCondition(failed))
        .containsEntry("status", "False")
        .containsEntry("reason", "UpgradeFailed")
        .containsEntry(
            "message",
            "Helm upgrade failed for release db/postgres with chart postgres@1.2.0: context deadline exceeded");
    assertThat(condition(failed, "Stalled"))
        .containsEntry("reason", "RetriesExceeded")
        .containsEntry("message", "Failed to upgrade after 1 attempt(s)");
    assertThat(condition(failed, "Reconciling")).as("given up: nothing in progress").isEmpty();
    assertThat(Fields.number(failed, "status", "upgradeFailures")).isEqualTo(1);
    assertThat(Fields.number(failed, "status", "observedGeneration"))
        .as("a terminal failure is observed")
        .isEqualTo(ReconcileRequests.generation(failed));
    assertThat(history(failed))
        .extracting(
            entry ->
                entry.get("version") + " " + entry.get("status") + " " + entry.get("chartVersion"))
        .containsExactly("2 failed 1.2.0", "1 deployed 1.0.0");

    pushRelease("postgres", "1.1.0");
    fixture.reconcileWithSource("db");
    GenericKubernetesResource fixed =
        fixture.await(FluxType.HELM_RELEASE, DB, "postgres", ready("True"));
    assertThat(condition(fixed, "Stalled")).isEmpty();
    assertThat(Fields.number(fixed, "status", "upgradeFailures"))
        .as("a new spec counts afresh")
        .isZero();
  }

  @Test
  void aChartThatFailsToRenderIsRetriedWithBackoffNeitherCountedNorStalledNorObserved() {
    installedAt100();

    pushRelease("postgres", PostgresChart.UNRENDERABLE_VERSION);
    fixture.reconcileWithSource("db");
    GenericKubernetesResource failing =
        fixture.await(
            FluxType.HELM_RELEASE,
            DB,
            "postgres",
            object -> Fields.number(object, "status", "failures") >= 2);

    assertThat(readyCondition(failing))
        .containsEntry("status", "False")
        .containsEntry("reason", "UpgradeFailed");
    assertThat((String) readyCondition(failing).get("message"))
        .contains("persistence.existingClaim is required");
    assertThat(condition(failing, "Stalled")).isEmpty();
    assertThat(Fields.number(failing, "status", "upgradeFailures"))
        .as("no release stored: nothing to remediate")
        .isZero();
    assertThat(Fields.number(failing, "status", "observedGeneration"))
        .isLessThan(ReconcileRequests.generation(failing));
    assertThat(history(failing))
        .singleElement()
        .satisfies(entry -> assertThat(entry).containsEntry("version", 1));
  }

  @Test
  void withUpgradeRetriesHelmControllerRollsBackByItselfRetriesAndStallsAfterTheLastRollback() {
    pushRelease("postgres", "1.0.0", "upgrade:\n  remediation:\n    retries: 1\n");
    fixture.kustomization("db", PATH, Map.of());
    fixture.await(FluxType.HELM_RELEASE, DB, "postgres", ready("True"));

    pushRelease(
        "postgres", PostgresChart.BROKEN_VERSION, "upgrade:\n  remediation:\n    retries: 1\n");
    fixture.reconcileWithSource("db");
    GenericKubernetesResource remediated =
        fixture.await(
            FluxType.HELM_RELEASE,
            DB,
            "postgres",
            object -> "True".equals(condition(object, "Remediated").get("status")));
    assertThat(condition(remediated, "Remediated"))
        .containsEntry("reason", "RollbackSucceeded")
        .containsEntry(
            "message",
            "Helm rollback to previous release db/postgres.v1 with chart postgres@1.0.0 succeeded");
    assertThat(readyCondition(remediated))
        .containsEntry("status", "False")
        .containsEntry("reason", "RollbackSucceeded");

    GenericKubernetesResource stalled =
        fixture.await(FluxType.HELM_RELEASE, DB, "postgres", stalled());
    assertThat(condition(stalled, "Stalled"))
        .containsEntry("message", "Failed to upgrade after 2 attempt(s)");
    assertThat(readyCondition(stalled)).containsEntry("reason", "RollbackSucceeded");
    assertThat(history(stalled))
        .extracting(
            entry ->
                entry.get("version") + " " + entry.get("status") + " " + entry.get("chartVersion"))
        .startsWith(
            "5 deployed 1.0.0", "4 superseded 1.2.0", "3 superseded 1.0.0", "2 superseded 1.2.0");
    assertThat(
            client
                .apps()
                .statefulSets()
                .inNamespace(DB)
                .withName("postgres")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .as("rolled back by helm-controller")
        .isEqualTo("postgres:15.1");
  }

  @Test
  void aHelmWaitUnderWayFinishesAfterASuspendWrittenMeanwhile() {
    installedAt100();

    pushRelease("postgres", PostgresChart.BROKEN_VERSION);
    fixture.reconcileWithSource("db");
    fixture.await(
        FluxType.HELM_RELEASE,
        DB,
        "postgres",
        object ->
            "Progressing".equals(condition(object, "Reconciling").get("reason"))
                && String.valueOf(condition(object, "Reconciling").get("message"))
                    .startsWith("Running 'upgrade' action"));
    fixture.suspend(FluxType.HELM_RELEASE, DB, "postgres", true);

    GenericKubernetesResource failed =
        fixture.await(FluxType.HELM_RELEASE, DB, "postgres", stalled());
    assertThat(Fields.flag(failed, "spec", "suspend")).isTrue();
    assertThat(history(failed).get(0)).containsEntry("status", "failed");
  }

  @Test
  void driftIsCorrectedOnlyWithDriftDetectionEnabled() {
    installedAt100();

    client.apps().statefulSets().inNamespace(DB).withName("postgres").scale(0);
    fixture.requestReconcile(FluxType.HELM_RELEASE, DB, "postgres");
    helmReleaseBarrier();
    assertThat(
            client
                .apps()
                .statefulSets()
                .inNamespace(DB)
                .withName("postgres")
                .get()
                .getSpec()
                .getReplicas())
        .as("in sync: helm-controller runs no Helm action")
        .isZero();

    String enabled = pushRelease("postgres", "1.0.0", "driftDetection:\n  mode: enabled\n");
    fixture.reconcileWithSource("db");
    fixture.await(FluxType.KUSTOMIZATION, NS, "db", FluxFixture.appliedRevision(enabled));
    AwaitCondition.until(
        client.apps().statefulSets().inNamespace(DB).withName("postgres"),
        set -> set.getSpec().getReplicas() == 1,
        Duration.ofSeconds(15));
  }

  private static java.util.function.Predicate<GenericKubernetesResource> stalled() {
    return object -> "True".equals(condition(object, "Stalled").get("status"));
  }

  @Test
  void aReconcileRequestWithoutChangesMakesNoNewRevision() {
    installedAt100();

    fixture.requestReconcile(FluxType.HELM_RELEASE, DB, "postgres");

    GenericKubernetesResource helmRelease =
        fixture.await(
            FluxType.HELM_RELEASE,
            DB,
            "postgres",
            object -> Fields.text(object, "status", "lastHandledReconcileAt").isPresent());
    assertThat(history(helmRelease))
        .singleElement()
        .satisfies(entry -> assertThat(entry).containsEntry("version", 1));
    assertThat(client.secrets().inNamespace(DB).withName("sh.helm.release.v1.postgres.v2").get())
        .isNull();
  }

  @Test
  void aSuspendedHelmReleaseKeepsItsSuspendAndItsReleaseUntilResumed() {
    installedAt100();

    fixture.suspend(FluxType.HELM_RELEASE, DB, "postgres", true);
    String bump = pushRelease("postgres", "1.1.0");
    fixture.reconcileWithSource("db");
    fixture.await(FluxType.KUSTOMIZATION, NS, "db", FluxFixture.appliedRevision(bump));
    helmReleaseBarrier();

    GenericKubernetesResource suspended = fixture.get(FluxType.HELM_RELEASE, DB, "postgres");
    assertThat(Fields.flag(suspended, "spec", "suspend")).isTrue();
    assertThat(Fields.text(suspended, "spec", "chart", "spec", "version")).hasValue("1.1.0");
    assertThat(Fields.text(suspended, "status", "lastAttemptedRevision")).hasValue("1.0.0");
    assertThat(Fields.number(suspended, "status", "observedGeneration"))
        .as("a suspended object's generation is observed")
        .isEqualTo(ReconcileRequests.generation(suspended));

    fixture.suspend(FluxType.HELM_RELEASE, DB, "postgres", false);
    GenericKubernetesResource resumed =
        fixture.await(FluxType.HELM_RELEASE, DB, "postgres", ready("True"));
    assertThat(history(resumed)).extracting(entry -> entry.get("version")).containsExactly(2, 1);
  }

  @Test
  void aChartTheRepositoryDoesNotListLeavesTheHelmChartNotReady() {
    pushRelease("mysql", "1.0.0");
    fixture.kustomization("db", PATH, Map.of());

    GenericKubernetesResource helmRelease =
        fixture.await(
            FluxType.HELM_RELEASE, DB, "postgres", sourceNotReadyBecause("no chart name found"));

    assertThat((String) readyCondition(helmRelease).get("message"))
        .isEqualTo(
            "HelmChart 'db/db-postgres' is not ready: invalid chart reference: failed to get chart"
                + " version for remote reference: no chart name found");
    assertThat(client.secrets().inNamespace(DB).list().getItems()).isEmpty();
  }

  @Test
  void aVersionPublishedAfterTheRepositoryFetchedIsSeenOnlyOnceItFetchesAgain() {
    installedAt100();

    fixture.charts().publish(PostgresChart.NAME, PostgresChart.UNPUBLISHED_VERSION);
    pushRelease("postgres", PostgresChart.UNPUBLISHED_VERSION);
    fixture.reconcileWithSource("db");
    fixture.await(
        FluxType.HELM_RELEASE,
        DB,
        "postgres",
        sourceNotReadyBecause("no 'postgres' chart with version matching '2.1.0'"));

    fixture.requestReconcile(FluxType.HELM_REPOSITORY, DB, "charts");
    GenericKubernetesResource upgraded =
        fixture.await(FluxType.HELM_RELEASE, DB, "postgres", ready("True"));
    assertThat(history(upgraded).get(0))
        .containsEntry("chartVersion", PostgresChart.UNPUBLISHED_VERSION);
    assertThat(
            fixture
                .get(FluxType.HELM_CHART, DB, "db-postgres")
                .<Map<String, Object>>get("status", "artifact"))
        .containsEntry("revision", PostgresChart.UNPUBLISHED_VERSION);
  }

  private static java.util.function.Predicate<GenericKubernetesResource> sourceNotReadyBecause(
      String cause) {
    return object ->
        "SourceNotReady".equals(readyCondition(object).get("reason"))
            && String.valueOf(readyCondition(object).get("message")).contains(cause);
  }

  @Test
  void aChartVersionTheRepositoryLacksLeavesTheHelmChartNotReady() {
    pushRelease("postgres", "9.9.9");
    fixture.kustomization("db", PATH, Map.of());

    GenericKubernetesResource helmRelease =
        fixture.await(FluxType.HELM_RELEASE, DB, "postgres", sourceNotReadyBecause("'9.9.9'"));

    assertThat(readyCondition(helmRelease)).containsEntry("reason", "SourceNotReady");
    assertThat((String) readyCondition(helmRelease).get("message"))
        .startsWith(
            "HelmChart 'db/db-postgres' is not ready: invalid chart reference: failed to get chart version for remote reference: "
                + "no 'postgres' chart with version matching '9.9.9' found");
    assertThat(Fields.number(helmRelease, "status", "observedGeneration")).isZero();
  }

  @Test
  void aChartVersionTheRepositoryLacksStallsTheHelmChartWithoutRetriesUntilItsSpecChanges() {
    installedAt100();

    pushRelease("postgres", "9.9.9");
    fixture.reconcileWithSource("db");
    GenericKubernetesResource stalled =
        fixture.await(
            FluxType.HELM_CHART,
            DB,
            "db-postgres",
            chart -> "True".equals(condition(chart, "Stalled").get("status")));

    String message =
        "invalid chart reference: failed to get chart version for remote reference: no 'postgres'"
            + " chart with version matching '9.9.9' found";
    for (String type : List.of("Ready", "Stalled", "FetchFailed")) {
      assertThat(condition(stalled, type))
          .as(type)
          .containsEntry("status", type.equals("Ready") ? "False" : "True")
          .containsEntry("reason", "InvalidChartReference")
          .containsEntry("message", message)
          .containsEntry("observedGeneration", (int) ReconcileRequests.generation(stalled));
    }
    assertThat(condition(stalled, "Reconciling")).as("given up: nothing in progress").isEmpty();
    assertThat(Fields.number(stalled, "status", "observedGeneration"))
        .as("a stalled spec is observed")
        .isEqualTo(ReconcileRequests.generation(stalled));
    assertThat(Fields.text(stalled, "status", "artifact", "revision"))
        .as("the chart pulled before stays")
        .hasValue("1.0.0");
    GenericKubernetesResource waiting =
        fixture.await(FluxType.HELM_RELEASE, DB, "postgres", sourceNotReadyBecause("'9.9.9'"));
    assertThat(readyCondition(waiting))
        .containsEntry("message", "HelmChart 'db/db-postgres' is not ready: " + message);

    // helm-controller looks again and keeps the HelmChart's spec as it is: nothing wakes it.
    String token = fixture.requestReconcile(FluxType.HELM_RELEASE, DB, "postgres");
    fixture.await(
        FluxType.HELM_RELEASE,
        DB,
        "postgres",
        object -> token.equals(Fields.text(object, "status", "lastHandledReconcileAt").orElse("")));
    assertThat(fixture.plansToReconcile(FluxType.HELM_CHART, DB, "db-postgres"))
        .as("no retry, no interval: source-controller does not requeue a stalled HelmChart")
        .isFalse();
    assertThat(
            fixture.get(FluxType.HELM_CHART, DB, "db-postgres").getMetadata().getResourceVersion())
        .as("no status written since it stalled")
        .isEqualTo(stalled.getMetadata().getResourceVersion());

    pushRelease("postgres", "1.1.0");
    fixture.reconcileWithSource("db");
    GenericKubernetesResource recovered =
        fixture.await(FluxType.HELM_CHART, DB, "db-postgres", ready("True"));
    assertThat(condition(recovered, "Stalled")).isEmpty();
    assertThat(condition(recovered, "FetchFailed")).isEmpty();
    assertThat(Fields.text(recovered, "status", "artifact", "revision")).hasValue("1.1.0");
    GenericKubernetesResource upgraded =
        fixture.await(
            FluxType.HELM_RELEASE,
            DB,
            "postgres",
            ready("True")
                .and(
                    object ->
                        Fields.text(object, "status", "lastAttemptedRevision")
                            .orElse("")
                            .equals("1.1.0")));
    assertThat(history(upgraded).get(0)).containsEntry("chartVersion", "1.1.0");
  }

  /**
   * Returns once the simulation has handled every HelmRelease event before it: they come in order
   * on one informer and one thread reconciles them in order.
   */
  private void helmReleaseBarrier() {
    client
        .resource(
            client
                .getKubernetesSerialization()
                .unmarshal(
                    """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: barrier
          namespace: db
        spec:
          chart:
            spec:
              chart: none
        """,
                    GenericKubernetesResource.class))
        .create();
    fixture.await(FluxType.HELM_RELEASE, DB, "barrier", ready("False"));
  }

  private static HelmRelease decode(Secret secret) {
    return new HelmReleaseDecoder()
        .decode(ObjectRef.of(DB, secret.getMetadata().getName()), secret.getData().get("release"));
  }

  private static List<Map<String, Object>> history(GenericKubernetesResource helmRelease) {
    return helmRelease.get("status", "history");
  }

  /** The release installed at chart version 1.0.0 and Ready. */
  private void installedAt100() {
    pushRelease("postgres", "1.0.0");
    fixture.kustomization("db", PATH, Map.of());
    fixture.await(FluxType.HELM_RELEASE, DB, "postgres", ready("True"));
  }

  /** A HelmRelease db/postgres of this chart and version, and its namespace; returns the commit. */
  private String pushRelease(String chart, String version) {
    return pushRelease(chart, version, "");
  }

  /**
   * As {@link #pushRelease(String, String)}, with more of the spec ({@code spec:}-level YAML
   * lines).
   */
  private String pushRelease(String chart, String version, String moreSpec) {
    git.write(PATH + "/namespace.yaml", SampleApps.namespace(DB))
        .write(PATH + "/repository.yaml", SampleApps.chartRepository(fixture.chartRepositoryUrl()))
        .write(
            PATH + "/release.yaml",
            SampleApps.helmRelease(
                "postgres",
                chart,
                version,
                HELM_TIMEOUT,
                "values:\n  persistence:\n    storageClassName: fast\n" + moreSpec));
    return git.commitAndPush(chart + " " + version);
  }
}
