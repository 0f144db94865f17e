package io.harbormaster.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.automation.ImageAutomation;
import io.harbormaster.core.automation.ImageAutomationSearch;
import io.harbormaster.core.automation.ImagePolicyChoice;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RepositoryUrl;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.sandbox.apiserver.TestApiServer;
import io.harbormaster.sandbox.flux.SimulatedFlux;
import io.harbormaster.sandbox.imageautomation.ImageApi;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ImageUpdateAutomations that write an app's file, read from the API server {@code
 * hm.apiServer} names: the web app of namespace apps, whose Kustomization and the fleet's image
 * automations live in flux-system (granted), with its version on a line marked for ImagePolicy
 * flux-system:web.
 */
@Tag("both-api-servers")
class KubernetesImageAutomationsTest {
  private static final String FLUX = "flux-system";
  private static final String APPS = "apps";
  private static final String ELSEWHERE = "elsewhere";
  private static final Tenancy GRANTED =
      Tenancy.fromEnvironment(Map.of(Tenancy.GRANTS, APPS + ":" + FLUX));

  private static final ManagedApp WEB =
      ManagedApp.builder()
          .id(ObjectRef.of(APPS, "web"))
          .flux(FluxSource.builder().kustomization(ObjectRef.of(FLUX, "web")).build())
          .git(
              GitLocation.builder()
                  .repository("https://git.example/fleet.git")
                  .branch("main")
                  .filePath("apps/web/kustomization.yaml")
                  .versionPath("images[name=web].newTag")
                  .imagePolicy(FLUX + ":web")
                  .build())
          .build();

  @RegisterExtension final TestApiServer api = new TestApiServer(APPS, FLUX, ELSEWHERE);

  private KubernetesClient client() {
    return api.client();
  }

  private ImageAutomationSearch search(Tenancy tenancy) {
    return new KubernetesImageAutomations(client(), tenancy).writingTo(WEB);
  }

  /** The fleet's GitRepository, by another URL of the app's repository. */
  private void fleet(String namespace, String name, String branch) {
    gitRepository(namespace, name, "ssh://git@git.example/fleet", branch);
  }

  private void gitRepository(String namespace, String name, String url, String branch) {
    client()
        .genericKubernetesResources(KubernetesImageAutomations.GIT_REPOSITORIES)
        .inNamespace(namespace)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("source.toolkit.fluxcd.io/v1")
                .withKind("GitRepository")
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .withAdditionalProperties(
                    Map.of(
                        "spec",
                        Map.of("url", url, "ref", Map.of("branch", branch), "interval", "1h")))
                .build())
        .create();
  }

  private void automation(String namespace, String name, String repository, String path) {
    ImageApi.create(client(), automationObject(namespace, name, repository, path));
  }

  private static GenericKubernetesResource automationObject(
      String namespace, String name, String repository, String path) {
    return ImageApi.imageUpdateAutomation(
        namespace, name, repository, "main", path, "1m", "Flux", "flux@example.com");
  }

  @Test
  void anAutomationOfTheFleetOverTheAppsFolderWritesItsFile() {
    SimulatedFlux.installCrds(client());
    fleet(FLUX, "fleet", "main");
    automation(FLUX, "web-images", "fleet", "./apps");
    automation(FLUX, "apps-images", "fleet", "./apps/web/");
    automation(FLUX, "infra-images", "fleet", "./infra");
    automation(FLUX, "apps2-images", "fleet", "./apps2");

    ImageAutomationSearch search = search(GRANTED);

    assertThat(search.writerNames())
        .containsExactly("flux-system/apps-images", "flux-system/web-images");
    assertThat(search.skipped()).isEmpty();
    ImageAutomation writer = search.writers().get(1);
    assertThat(writer.source()).isEqualTo(ObjectRef.of(FLUX, "fleet"));
    assertThat(writer.repository()).isEqualTo(RepositoryUrl.parse("ssh://git@git.example/fleet"));
    assertThat(writer.branch()).contains("main");
    assertThat(writer.updatePath()).isEqualTo("./apps");
    assertThat(writer.suspended()).isFalse();
  }

  @Test
  void anAutomationOfAnotherRepositoryOrPushingToAnotherBranchDoesNotWriteIt() {
    SimulatedFlux.installCrds(client());
    fleet(FLUX, "fleet", "main");
    fleet(FLUX, "staging", "staging");
    gitRepository(FLUX, "other", "https://git.example/other.git", "main");
    automation(FLUX, "other-images", "other", "./apps");
    ImageApi.create(
        client(),
        ImageApi.withSpec(
            automationObject(FLUX, "to-a-branch", "fleet", "./apps"),
            "git",
            Map.of(
                "checkout",
                Map.of("ref", Map.of("branch", "main")),
                "push",
                Map.of("branch", "image-updates"))));
    ImageApi.create(
        client(),
        ImageApi.withSpec(
            automationObject(FLUX, "staging-images", "staging", "./apps"),
            "git",
            Map.of("commit", Map.of("author", Map.of("name", "Flux")))));
    ImageApi.create(
        client(),
        ImageApi.withSpec(automationObject(FLUX, "suspended", "fleet", "./apps"), "suspend", true));

    ImageAutomationSearch search = search(GRANTED);

    assertThat(search.writerNames()).containsExactly("flux-system/suspended");
    assertThat(search.writers().get(0).suspended()).isTrue();
    assertThat(search.skipped()).isEmpty();
  }

  @Test
  void anAutomationWhoseGitRepositoryIsMissingIsSkippedWithTheReason() {
    SimulatedFlux.installCrds(client());
    fleet(FLUX, "fleet", "main");
    automation(FLUX, "web-images", "fleet", "./apps");
    automation(FLUX, "orphan", "gone", "./apps");

    ImageAutomationSearch search = search(GRANTED);

    assertThat(search.writerNames()).containsExactly("flux-system/web-images");
    assertThat(search.skipped())
        .containsExactly(
            "ImageUpdateAutomation flux-system/orphan: its GitRepository flux-system/gone does not"
                + " exist");
  }

  @Test
  void nothingIsReadInANamespaceTheAppMayNotTouch() {
    SimulatedFlux.installCrds(client());
    fleet(ELSEWHERE, "fleet", "main");
    fleet(FLUX, "fleet", "main");
    automation(ELSEWHERE, "web-images", "fleet", "./apps");
    // Granted flux-system, pointing at a GitRepository of a namespace the app may not touch.
    ImageApi.create(
        client(),
        ImageApi.withSpec(
            automationObject(FLUX, "across", "fleet", "./apps"),
            "sourceRef",
            Map.of("kind", "GitRepository", "name", "fleet", "namespace", ELSEWHERE)));

    ImageAutomationSearch granted = search(GRANTED);

    assertThat(granted.writers()).isEmpty();
    assertThat(granted.skipped())
        .singleElement()
        .asString()
        .startsWith(
            "ImageUpdateAutomation flux-system/across: GitRepository elsewhere/fleet (from"
                + " spec.sourceRef) is in namespace elsewhere, outside the namespace of app"
                + " apps/web");
    assertThat(search(Tenancy.sameNamespaceOnly()).writers()).isEmpty();
    assertThat(search(Tenancy.sameNamespaceOnly()).skipped())
        .as("flux-system is not searched without its grant")
        .isEmpty();
  }

  @Test
  void aRunUnderItsUsersRightsSearchesTheNamespacesOfTheAppAndItsFluxObjects() {
    SimulatedFlux.installCrds(client());
    fleet(FLUX, "fleet", "main");
    fleet(ELSEWHERE, "fleet", "main");
    automation(FLUX, "web-images", "fleet", "./apps");
    automation(ELSEWHERE, "web-images", "fleet", "./apps");

    assertThat(search(Tenancy.ofLocalRun()).writerNames())
        .containsExactly("flux-system/web-images");
  }

  @Test
  void anAutomationReadsAsSuspendedOrRunningAndOneThatIsGoneAsNothing() {
    SimulatedFlux.installCrds(client());
    fleet(FLUX, "fleet", "main");
    automation(FLUX, "running", "fleet", "./apps");
    ImageApi.create(
        client(),
        ImageApi.withSpec(automationObject(FLUX, "paused", "fleet", "./apps"), "suspend", true));
    KubernetesImageAutomations automations = new KubernetesImageAutomations(client(), GRANTED);

    assertThat(automations.suspended(ObjectRef.of(FLUX, "running"))).contains(false);
    assertThat(automations.suspended(ObjectRef.of(FLUX, "paused"))).contains(true);
    assertThat(automations.suspended(ObjectRef.of(FLUX, "deleted"))).isEmpty();
  }

  @Test
  void anImagePolicyReadsAsItsSemverRangeAndLatestTag() {
    SimulatedFlux.installCrds(client());
    ImageApi.create(client(), ImageApi.imagePolicy(FLUX, "web", "web", ImageApi.semver("^1.0.0")));
    ImageApi.create(
        client(), ImageApi.imagePolicy(FLUX, "nightly", "web", ImageApi.alphabetical("asc")));
    KubernetesImageAutomations automations = new KubernetesImageAutomations(client(), GRANTED);

    ImagePolicyChoice web = automations.policy(ObjectRef.of(FLUX, "web")).orElseThrow();
    ImagePolicyChoice nightly = automations.policy(ObjectRef.of(FLUX, "nightly")).orElseThrow();

    assertThat(web.semverRange()).contains("^1.0.0");
    assertThat(web.latestTag()).as("no status yet").isEmpty();
    assertThat(nightly.semverRange()).isEmpty();
    assertThat(automations.policy(ObjectRef.of(FLUX, "deleted"))).isEmpty();
  }

  @Test
  void aClusterWithoutImageAutomationHasNone() {
    // No Flux CRDs: a real API server answers the list 404.
    ImageAutomationSearch search = search(GRANTED);

    assertThat(search.writers()).isEmpty();
    assertThat(search.skipped()).isEmpty();
  }
}
