package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.OperatorCluster.BRANCH;
import static io.harbormaster.operator.OperatorCluster.FLUX_NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.harbormaster.sandbox.imageautomation.ImageApi;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flux image automation beside the web app: the fleet's image-reflector and image-automation
 * controllers track the web image, and the ManagedApp's status names the ImageUpdateAutomations
 * that write the app's file (apps/web/kustomization.yaml), read by the operator under deploy/'s
 * RBAC on a real API server.
 */
@Tag("both-api-servers")
class ImageAutomationStatusTest {
  private static final Duration STATUS = Duration.ofSeconds(60);

  @TempDir Path work;
  private OperatorCluster cluster;
  private FleetApps apps;

  @BeforeEach
  void start() {
    cluster = new OperatorCluster(work);
    apps = new FleetApps(cluster);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  /**
   * An ImageUpdateAutomation of the fleet's GitRepository, checking out and pushing to its branch,
   * over {@code path}.
   */
  private static GenericKubernetesResource automation(String name, String path) {
    return ImageApi.imageUpdateAutomation(
        FLUX_NAMESPACE, name, SandboxCluster.FLEET, BRANCH, path, "1h", "Flux", "flux@example.com");
  }

  @Test
  void theManagedAppListsTheAutomationsThatWriteItsFileAndNotOneOverAnotherFolder() {
    cluster.sandbox.imageAutomation().registry().publish(WEB, "1.0.0", "1.1.0");
    ImageApi.create(cluster.client, ImageApi.imageRepository(FLUX_NAMESPACE, WEB, WEB, "1h"));
    ImageApi.create(
        cluster.client, ImageApi.imagePolicy(FLUX_NAMESPACE, WEB, WEB, ImageApi.semver("^1.0.0")));
    ImageApi.create(cluster.client, automation("web-images", "./apps/web"));
    ImageApi.create(cluster.client, automation("db-images", "./apps/db"));
    // Declared once the automations exist: its first status already looks for them.
    apps.web("1.0.0", "1m", true);

    ManagedApp app =
        AwaitCondition.until(
            cluster.client.resources(ManagedApp.class).inNamespace(WEB_NAMESPACE).withName(WEB),
            managed ->
                managed.getStatus() != null
                    && (managed.getStatus().imageAutomations() != null
                        || managed.getStatus().imageAutomationsSkipped() != null),
            STATUS);

    assertThat(app.getStatus().imageAutomations()).containsExactly("flux-system/web-images");
    assertThat(app.getStatus().imageAutomationsNotListed()).isNull();
    assertThat(app.getStatus().imageAutomationsSkipped())
        .as("nothing the operator could not read (an empty list is left out)")
        .isNullOrEmpty();
  }
}
