package io.harbormaster.sandbox.flux;

import static io.harbormaster.sandbox.flux.FluxFixture.NS;
import static io.harbormaster.sandbox.flux.FluxFixture.appliedRevision;
import static io.harbormaster.sandbox.flux.FluxFixture.condition;
import static io.harbormaster.sandbox.flux.FluxFixture.ready;
import static io.harbormaster.sandbox.flux.FluxFixture.readyCondition;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.flux.ParentKustomization;
import io.harbormaster.sandbox.apiserver.TestApiServer;
import io.harbormaster.sandbox.flux.chart.PostgresChart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Tag("both-api-servers")
class KustomizationSimulationTest {
  private static final String APP = "apps/api";

  @RegisterExtension
  final TestApiServer api = new TestApiServer("flux-system", "db", "barrier", "infra");

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
  void appliesPlainManifestsWithAnImageOverrideAndRecordsInventoryAndRevision() {
    String commit = pushApp("1.1", true);

    fixture.kustomization("api", "./" + APP, Map.of());
    GenericKubernetesResource kustomization =
        fixture.await(FluxType.KUSTOMIZATION, NS, "api", ready("True"));

    assertThat(image()).isEqualTo("registry.example/api:1.1");
    Deployment deployment = client.apps().deployments().inNamespace("db").withName("api").get();
    assertThat(deployment.getMetadata().getLabels())
        .containsEntry(ParentKustomization.NAME_LABEL, "api")
        .containsEntry(ParentKustomization.NAMESPACE_LABEL, NS)
        .containsEntry("app", "api");
    assertThat(client.services().inNamespace("db").withName("api").get()).isNotNull();
    assertThat(kustomization.<List<Map<String, Object>>>get("status", "inventory", "entries"))
        .containsExactlyInAnyOrder(
            Map.of("id", "db_api_apps_Deployment", "v", "v1"),
            Map.of("id", "db_api__Service", "v", "v1"));
    assertThat(Fields.text(kustomization, "status", "lastAppliedRevision"))
        .hasValue("main@sha1:" + commit);
    assertThat(Fields.text(kustomization, "status", "lastAttemptedRevision"))
        .hasValue("main@sha1:" + commit);
    assertThat(readyCondition(kustomization))
        .containsEntry("reason", "ReconciliationSucceeded")
        .containsEntry("message", "Applied revision: main@sha1:" + commit);
    assertThat(
            Fields.text(
                fixture.get(FluxType.GIT_REPOSITORY, NS, "fleet"),
                "status",
                "artifact",
                "revision"))
        .hasValue("main@sha1:" + commit);
  }

  @Test
  void aNewCommitWaitsForItsSourceToFetchItThenIsAppliedWithoutAnotherRequest() {
    String first = pushApp("1.1", true);
    fixture.kustomization("api", APP, Map.of());
    fixture.await(FluxType.KUSTOMIZATION, NS, "api", ready("True"));

    String next = pushApp("1.2", true);
    fixture.requestReconcile(FluxType.KUSTOMIZATION, NS, "api");
    GenericKubernetesResource handled =
        fixture.await(
            FluxType.KUSTOMIZATION,
            NS,
            "api",
            object ->
                Fields.text(object, "status", "lastHandledReconcileAt")
                    .orElse("")
                    .equals("request-2"));
    assertThat(Fields.text(handled, "status", "lastAppliedRevision"))
        .as("the source has not fetched it yet")
        .hasValue("main@sha1:" + first);
    assertThat(image()).isEqualTo("registry.example/api:1.1");

    fixture.fetchFleet();

    fixture.await(FluxType.KUSTOMIZATION, NS, "api", appliedRevision(next));
    assertThat(image()).isEqualTo("registry.example/api:1.2");
    assertThat(
            Fields.text(
                fixture.get(FluxType.GIT_REPOSITORY, NS, "fleet"),
                "status",
                "artifact",
                "revision"))
        .hasValue("main@sha1:" + next);
  }

  @Test
  void aSourceFetchesOnItsIntervalAndItsKustomizationsApplyWhatItFetched() {
    fixture.gitRepository("polled", git.url(), "1s");
    pushApp("1.1", true);
    fixture.kustomization(
        "api", APP, Map.of("sourceRef", Map.of("kind", "GitRepository", "name", "polled")));
    fixture.await(FluxType.KUSTOMIZATION, NS, "api", ready("True"));

    String next = pushApp("1.2", true);

    fixture.await(FluxType.KUSTOMIZATION, NS, "api", appliedRevision(next));
    assertThat(image()).isEqualTo("registry.example/api:1.2");
  }

  @Test
  void aSuspendedKustomizationRecordsTheRequestButIgnoresNewCommitsUntilResumed() {
    String first = pushApp("1.1", true);
    fixture.kustomization("api", APP, Map.of());
    fixture.await(FluxType.KUSTOMIZATION, NS, "api", ready("True"));

    fixture.suspend(FluxType.KUSTOMIZATION, NS, "api", true);
    String next = pushApp("1.2", true);
    fixture.reconcileWithSource("api");
    reconcileBarrier();

    GenericKubernetesResource suspended = fixture.get(FluxType.KUSTOMIZATION, NS, "api");
    assertThat(Fields.text(suspended, "status", "lastAppliedRevision"))
        .hasValue("main@sha1:" + first);
    assertThat(Fields.text(suspended, "status", "lastHandledReconcileAt"))
        .as("the request was handled: by doing nothing")
        .isEqualTo(ReconcileRequests.requestedAt(suspended));
    assertThat(image()).isEqualTo("registry.example/api:1.1");

    fixture.suspend(FluxType.KUSTOMIZATION, NS, "api", false);
    fixture.await(FluxType.KUSTOMIZATION, NS, "api", appliedRevision(next).and(ready("True")));
    assertThat(image()).isEqualTo("registry.example/api:1.2");
  }

  @Test
  void objectsRemovedFromGitArePruned() {
    pushApp("1.1", true);
    fixture.kustomization("api", APP, Map.of());
    fixture.await(FluxType.KUSTOMIZATION, NS, "api", ready("True"));

    String next = pushApp("1.1", false);
    fixture.reconcileWithSource("api");

    GenericKubernetesResource kustomization =
        fixture.await(FluxType.KUSTOMIZATION, NS, "api", appliedRevision(next));
    assertThat(client.services().inNamespace("db").withName("api").get()).isNull();
    assertThat(kustomization.<List<Map<String, Object>>>get("status", "inventory", "entries"))
        .containsExactly(Map.of("id", "db_api_apps_Deployment", "v", "v1"));
  }

  @Test
  void invalidYamlFailsTheBuildAndKeepsTheAppliedRevision() {
    String good = pushApp("1.1", true);
    fixture.kustomization("api", APP, Map.of());
    fixture.await(FluxType.KUSTOMIZATION, NS, "api", ready("True"));

    String bad =
        git.write(APP + "/service.yaml", "apiVersion: v1\nkind: Service\nmetadata: [unclosed\n")
            .commitAndPush("break");
    fixture.reconcileWithSource("api");

    GenericKubernetesResource kustomization =
        fixture.await(FluxType.KUSTOMIZATION, NS, "api", ready("False"));
    assertThat(readyCondition(kustomization)).containsEntry("reason", "BuildFailed");
    assertThat((String) readyCondition(kustomization).get("message"))
        .contains(APP + "/service.yaml is not valid YAML");
    assertThat(Fields.text(kustomization, "status", "lastAttemptedRevision"))
        .hasValue("main@sha1:" + bad);
    assertThat(Fields.text(kustomization, "status", "lastAppliedRevision"))
        .hasValue("main@sha1:" + good);
  }

  @Test
  void aGitFailureNamesTheRepositoryWithoutItsCredentialsAndItsKustomizationWaitsForAnArtifact() {
    FluxType.GIT_REPOSITORY
        .resources(client)
        .inNamespace(NS)
        .resource(
            new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                .withApiVersion(FluxType.GIT_REPOSITORY.apiVersion())
                .withKind("GitRepository")
                .withNewMetadata()
                .withNamespace(NS)
                .withName("private")
                .endMetadata()
                .withAdditionalProperties(
                    Map.of(
                        "spec",
                        Map.of(
                            "url",
                            "http://deploy:s3cr3t-token@127.0.0.1:1/fleet.git",
                            "ref",
                            Map.of("branch", "main"),
                            "interval",
                            "10m")))
                .build())
        .create();
    fixture.kustomization(
        "api", APP, Map.of("sourceRef", Map.of("kind", "GitRepository", "name", "private")));

    GenericKubernetesResource repository =
        fixture.await(
            FluxType.GIT_REPOSITORY,
            NS,
            "private",
            object -> "GitOperationFailed".equals(readyCondition(object).get("reason")));
    assertThat((String) readyCondition(repository).get("message"))
        .contains("http://127.0.0.1:1/fleet.git")
        .doesNotContain("s3cr3t-token")
        .doesNotContain("deploy:");
    GenericKubernetesResource kustomization =
        fixture.await(FluxType.KUSTOMIZATION, NS, "api", ready("False"));
    assertThat(readyCondition(kustomization))
        .containsEntry("reason", "ArtifactFailed")
        .containsEntry("message", "Source artifact not found, retrying in 30s");
  }

  @Test
  void withWaitTheAppliedRevisionMovesOnlyOnceItsObjectsAreReadyAndATimeoutFailsTheHealthCheck() {
    String good = pushApp("1.1", true);
    fixture.kustomization("api", APP, Map.of("wait", true, "timeout", "3s"));
    GenericKubernetesResource healthy =
        fixture.await(FluxType.KUSTOMIZATION, NS, "api", appliedRevision(good).and(ready("True")));
    assertThat(condition(healthy, "Healthy"))
        .containsEntry("status", "True")
        .containsEntry("reason", "Succeeded");

    String crashing = pushApp(PostgresChart.CRASHING_TAG, true);
    fixture.reconcileWithSource("api");
    GenericKubernetesResource checking =
        fixture.await(
            FluxType.KUSTOMIZATION,
            NS,
            "api",
            object -> "Unknown".equals(condition(object, "Healthy").get("status")));
    assertThat(condition(checking, "Healthy").get("message"))
        .isEqualTo(
            "Running health checks for revision main@sha1:" + crashing + " with a timeout of 3s");
    assertThat(Fields.text(checking, "status", "lastAttemptedRevision"))
        .hasValue("main@sha1:" + crashing);
    assertThat(Fields.text(checking, "status", "lastAppliedRevision"))
        .as("not before the checks pass")
        .hasValue("main@sha1:" + good);
    assertThat(image()).as("applied meanwhile").endsWith(PostgresChart.CRASHING_TAG);

    GenericKubernetesResource failed =
        fixture.await(FluxType.KUSTOMIZATION, NS, "api", ready("False"));
    assertThat(readyCondition(failed)).containsEntry("reason", "HealthCheckFailed");
    assertThat((String) readyCondition(failed).get("message"))
        .startsWith("health check failed after ")
        .endsWith("timeout waiting for: [Deployment/db/api status: 'InProgress']");
    assertThat(Fields.text(failed, "status", "lastAppliedRevision")).hasValue("main@sha1:" + good);
    assertThat(condition(failed, "Reconciling")).containsEntry("reason", "ProgressingWithRetry");
  }

  @Test
  void aKustomizationWaitsForTheOneItDependsOn() {
    pushApp("1.1", true);
    fixture.kustomization("api", APP, Map.of("dependsOn", List.of(Map.of("name", "infra"))));

    // kustomize-controller looks at the source first: until the GitRepository has an artifact,
    // the Kustomization says ArtifactFailed; the artifact wakes it.
    GenericKubernetesResource waiting =
        fixture.await(
            FluxType.KUSTOMIZATION,
            NS,
            "api",
            ready("False")
                .and(object -> "DependencyNotReady".equals(readyCondition(object).get("reason"))));
    assertThat(readyCondition(waiting))
        .containsEntry("reason", "DependencyNotReady")
        .containsEntry("message", "dependency 'flux-system/infra' not found");
    assertThat(client.apps().deployments().inNamespace("db").withName("api").get())
        .as("nothing applied")
        .isNull();

    fixture.kustomization("infra", APP, Map.of("targetNamespace", "infra"));
    fixture.await(FluxType.KUSTOMIZATION, NS, "api", ready("True"));
    assertThat(image()).isEqualTo("registry.example/api:1.1");
  }

  /**
   * Returns once the simulation has handled every event before it: one thread reconciles in order,
   * so a Kustomization created now and seen Ready was reconciled after them.
   */
  private void reconcileBarrier() {
    fixture.kustomization("barrier", APP, Map.of("targetNamespace", "barrier"));
    fixture.await(FluxType.KUSTOMIZATION, NS, "barrier", ready("True"));
  }

  private String image() {
    return fixture.deploymentImage("db", "api");
  }

  /** The app at tag {@code tag}, with or without its Service; returns the commit. */
  private String pushApp(String tag, boolean withService) {
    ApiApp.write(git, APP, tag, withService);
    return git.commitAndPush("api " + tag);
  }
}
