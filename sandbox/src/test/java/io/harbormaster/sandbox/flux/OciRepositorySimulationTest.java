package io.harbormaster.sandbox.flux;

import static io.harbormaster.sandbox.flux.FluxFixture.NS;
import static io.harbormaster.sandbox.flux.FluxFixture.condition;
import static io.harbormaster.sandbox.flux.FluxFixture.ready;
import static io.harbormaster.sandbox.flux.FluxFixture.readyCondition;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.sandbox.apiserver.TestApiServer;
import io.harbormaster.sandbox.git.BareRepository;
import io.harbormaster.sandbox.git.Push;
import io.harbormaster.sandbox.oci.OciRegistry;
import io.harbormaster.sandbox.oci.SimulatedCi;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app applied from an OCIRepository whose artifacts a CI publishes from git: source-controller
 * pulls the tag on its interval or when asked, and kustomize-controller applies the artifact and
 * records the commit it was built from.
 */
@Tag("both-api-servers")
class OciRepositorySimulationTest {
  private static final String APP = "apps/api";
  private static final String ARTIFACT = OciRegistry.url("fleet/api");
  private static final Duration PUBLISHED = Duration.ofSeconds(15);

  @RegisterExtension final TestApiServer api = new TestApiServer("flux-system", "db");
  @TempDir Path temp;
  private KubernetesClient client;
  private FluxFixture fixture;
  private BareRepository fleet;

  @BeforeEach
  void start() throws IOException {
    client = api.client();
    fixture = FluxFixture.start(client, temp);
    fleet = BareRepository.open(Path.of(fixture.git().url()));
  }

  @AfterEach
  void stop() {
    fleet.close();
    fixture.close();
  }

  @Test
  void aKustomizationAppliesThePublishedArtifactAndRecordsTheCommitItWasBuiltFrom() {
    String commit = commitApp("1.1");
    String digest;
    try (SimulatedCi ci = ci(Duration.ZERO)) {
      digest = published(ci, commit);
    }
    fixture.ociRepository("api", ARTIFACT, "1h");
    fixture.kustomization("api", "./", fromOci());

    GenericKubernetesResource kustomization =
        fixture.await(FluxType.KUSTOMIZATION, NS, "api", ready("True"));

    assertThat(digest).matches("sha256:[0-9a-f]{64}");
    assertThat(Fields.text(kustomization, "status", "lastAppliedRevision"))
        .hasValue("latest@" + digest);
    assertThat(Fields.text(kustomization, "status", "lastAppliedOriginRevision"))
        .hasValue("main@sha1:" + commit);
    assertThat(readyCondition(kustomization))
        .containsEntry("message", "Applied revision: latest@" + digest);
    assertThat(image()).isEqualTo("registry.example/api:1.1");
    GenericKubernetesResource repository = fixture.get(FluxType.OCI_REPOSITORY, NS, "api");
    assertThat(Fields.text(repository, "status", "artifact", "revision"))
        .hasValue("latest@" + digest);
    assertThat(Fields.map(repository, "status", "artifact", "metadata"))
        .containsEntry(OciRegistry.SOURCE_ANNOTATION, fixture.git().url())
        .containsEntry(OciRegistry.REVISION_ANNOTATION, "main@sha1:" + commit);
  }

  @Test
  void aFetchBeforeTheArtifactIsPublishedKeepsTheOldOneAndOneAfterBringsTheNew() {
    try (SimulatedCi ci = ci(Duration.ZERO)) {
      String first = installed(ci, "1h");

      // Pushed to git; CI has not published it yet.
      String next = commitApp("1.2");
      String request = fixture.requestReconcile(FluxType.OCI_REPOSITORY, NS, "api");
      GenericKubernetesResource fetched =
          fixture.await(FluxType.OCI_REPOSITORY, NS, "api", handled(request));
      assertThat(Fields.map(fetched, "status", "artifact", "metadata"))
          .as("nothing new in the registry")
          .containsEntry(OciRegistry.REVISION_ANNOTATION, "main@sha1:" + first);

      published(ci, next);
      fixture.requestReconcile(FluxType.OCI_REPOSITORY, NS, "api");

      fixture.await(FluxType.KUSTOMIZATION, NS, "api", appliedFrom(next));
      assertThat(image()).isEqualTo("registry.example/api:1.2");
    }
  }

  @Test
  void anArtifactPublishedAfterADelayArrivesOnTheRepositorysInterval() {
    try (SimulatedCi ci = ci(Duration.ofSeconds(1))) {
      installed(ci, "1s");

      String next = commitApp("1.2");
      ci.pushed(new Push("fleet.git", "main", next));

      fixture.await(FluxType.KUSTOMIZATION, NS, "api", appliedFrom(next));
      assertThat(image()).isEqualTo("registry.example/api:1.2");
    }
  }

  @Test
  void aTagTheRegistryLacksLeavesTheRepositoryNotReadyAndItsKustomizationWithoutArtifact() {
    fixture.ociRepository("api", ARTIFACT, "1h");
    fixture.kustomization("api", "./", fromOci());

    GenericKubernetesResource repository =
        fixture.await(FluxType.OCI_REPOSITORY, NS, "api", ready("False"));
    assertThat(readyCondition(repository))
        .containsEntry("reason", "OCIArtifactPullFailed")
        .containsEntry(
            "message",
            "failed to determine artifact digest: GET"
                + " https://registry.sandbox.example/v2/fleet/api/manifests/latest:"
                + " MANIFEST_UNKNOWN: manifest unknown");
    assertThat(condition(repository, "FetchFailed")).containsEntry("status", "True");
    GenericKubernetesResource kustomization =
        fixture.await(
            FluxType.KUSTOMIZATION,
            NS,
            "api",
            object -> "ArtifactFailed".equals(readyCondition(object).get("reason")));
    assertThat(Fields.text(kustomization, "status", "lastAppliedRevision")).isEmpty();
  }

  /**
   * The app at 1.1, published by {@code ci} and applied from an OCIRepository pulling every {@code
   * interval}; returns the commit.
   */
  private String installed(SimulatedCi ci, String interval) {
    String commit = commitApp("1.1");
    published(ci, commit);
    fixture.ociRepository("api", ARTIFACT, interval);
    fixture.kustomization("api", "./", fromOci());
    fixture.await(FluxType.KUSTOMIZATION, NS, "api", appliedFrom(commit));
    return commit;
  }

  /** A CI publishing {@code apps/api} of main to {@link #ARTIFACT} at tag latest. */
  private SimulatedCi ci(Duration delay) {
    return new SimulatedCi(
        fixture.registry(),
        fleet,
        fixture.git().url(),
        new SimulatedCi.Pipeline("fleet.git", "main", APP, ARTIFACT, "latest", delay));
  }

  /** The push webhook delivered for {@code commit}; returns once its job published. */
  private static String published(SimulatedCi ci, String commit) {
    try {
      return ci.pushed(new Push("fleet.git", "main", commit))
          .get(PUBLISHED.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the CI did not publish " + commit, e);
    }
  }

  private static Map<String, Object> fromOci() {
    return Map.of("sourceRef", Map.of("kind", "OCIRepository", "name", "api"));
  }

  private static Predicate<GenericKubernetesResource> appliedFrom(String commit) {
    return object ->
        Fields.text(object, "status", "lastAppliedOriginRevision")
            .equals(java.util.Optional.of("main@sha1:" + commit));
  }

  private static Predicate<GenericKubernetesResource> handled(String request) {
    return object ->
        Fields.text(object, "status", "lastHandledReconcileAt")
            .equals(java.util.Optional.of(request));
  }

  private String image() {
    return fixture.deploymentImage("db", "api");
  }

  /**
   * The api app at image tag {@code tag}, beside a file that is no manifest; returns the commit.
   */
  private String commitApp(String tag) {
    ApiApp.write(fixture.git(), APP, tag, false);
    fixture.git().write(APP + "/README.md", "not a manifest: left out of the build\n");
    return fixture.git().commitAndPush("api " + tag);
  }
}
