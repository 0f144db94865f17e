package io.harbormaster.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.harbormaster.core.automation.ImageAutomationSearch;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.sandbox.apiserver.MockCluster;
import io.harbormaster.sandbox.imageautomation.ImageApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the API server refuses while the image automations of an app are searched, on the mock
 * (which answers as told): a kind it does not serve is no automation, a refusal is a reason beside
 * what could be read, and a server that fails is an error to retry.
 */
class KubernetesImageAutomationsRefusalsTest {
  private static final String AUTOMATIONS_OF_FLUX =
      "/apis/image.toolkit.fluxcd.io/v1/namespaces/flux-system/imageupdateautomations";
  private static final String FLEET =
      "/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/fleet";

  private static final ManagedApp WEB =
      ManagedApp.builder()
          .id(ObjectRef.of("apps", "web"))
          .flux(FluxSource.builder().kustomization(ObjectRef.of("flux-system", "web")).build())
          .git(
              GitLocation.builder()
                  .repository("https://git.example/fleet.git")
                  .filePath("apps/web/kustomization.yaml")
                  .versionPath("images[name=web].newTag")
                  .build())
          .build();

  @RegisterExtension final MockCluster cluster = new MockCluster();

  private ImageAutomationSearch search() {
    return search(cluster.client());
  }

  private static ImageAutomationSearch search(KubernetesClient client) {
    return new KubernetesImageAutomations(
            client, Tenancy.fromEnvironment(Map.of(Tenancy.GRANTS, "apps:flux-system")))
        .writingTo(WEB);
  }

  private static Status status(int code, String reason, String message) {
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(code)
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  @Test
  void aClusterThatDoesNotServeImageAutomationHasNone() {
    ImageApi.create(
        cluster.client(),
        ImageApi.imageUpdateAutomation(
            "apps", "web-images", "fleet", "main", "./apps", "1m", "Flux", "flux@example.com"));
    cluster
        .server()
        .expect()
        .get()
        .withPath("/apis/image.toolkit.fluxcd.io/v1/namespaces/apps/imageupdateautomations")
        .andReturn(404, status(404, "NotFound", "the server could not find the requested resource"))
        .always();

    ImageAutomationSearch search = search();

    assertThat(search.writers()).isEmpty();
    assertThat(search.skipped()).isEmpty();
  }

  @Test
  void aNamespaceWhoseAutomationsMayNotBeListedIsSkippedWithTheServersWords() {
    String forbidden =
        "imageupdateautomations.image.toolkit.fluxcd.io is forbidden: User"
            + " \"system:serviceaccount:apps:harbormaster\" cannot list resource"
            + " \"imageupdateautomations\" in API group \"image.toolkit.fluxcd.io\" in the"
            + " namespace \"flux-system\"";
    cluster
        .server()
        .expect()
        .get()
        .withPath(AUTOMATIONS_OF_FLUX)
        .andReturn(403, status(403, "Forbidden", forbidden))
        .always();

    ImageAutomationSearch search = search();

    assertThat(search.writers()).isEmpty();
    assertThat(search.skipped())
        .containsExactly(
            "the ImageUpdateAutomations of namespace flux-system may not be listed: " + forbidden);
  }

  @Test
  void aGitRepositoryThatMayNotBeReadSkipsItsAutomationsOnceWithTheServersWords() {
    ImageApi.create(
        cluster.client(),
        ImageApi.imageUpdateAutomation(
            "flux-system", "web-images", "fleet", "main", "./apps", "1m", "Flux", "f@example.com"));
    ImageApi.create(
        cluster.client(),
        ImageApi.imageUpdateAutomation(
            "flux-system", "db-images", "fleet", "main", "./apps", "1m", "Flux", "f@example.com"));
    String forbidden = "gitrepositories.source.toolkit.fluxcd.io \"fleet\" is forbidden";
    cluster
        .server()
        .expect()
        .get()
        .withPath(FLEET)
        .andReturn(403, status(403, "Forbidden", forbidden))
        .once();

    ImageAutomationSearch search = search();

    assertThat(search.skipped())
        .containsExactlyInAnyOrder(
            "ImageUpdateAutomation flux-system/db-images: its GitRepository flux-system/fleet may"
                + " not be read: "
                + forbidden,
            "ImageUpdateAutomation flux-system/web-images: its GitRepository flux-system/fleet may"
                + " not be read: "
                + forbidden);
  }

  @Test
  void anApiServerThatFailsIsAnErrorToRetry() {
    cluster
        .server()
        .expect()
        .get()
        .withPath(AUTOMATIONS_OF_FLUX)
        .andReturn(500, status(500, "InternalError", "etcdserver: request timed out"))
        .always();

    // fabric8 retries a 500 with backoff, for seconds, before it gives up: not here.
    try (KubernetesClient once =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(cluster.client().getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build()) {
      assertThatThrownBy(() -> search(once))
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("etcdserver: request timed out");
    }
  }
}
