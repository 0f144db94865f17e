package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.OperatorCluster.BRANCH;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.sandbox.registry.ContainerRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app whose image lives in a real container registry (Debian's docker-registry on loopback):
 * Pending asks the registry for the target tag before anything stops.
 */
@Tag("both-api-servers")
class ImageTagCheckTest {
  private static final Duration OPERATION = Duration.ofSeconds(60);

  @TempDir Path work;
  private ContainerRegistry registry;
  private OperatorCluster cluster;
  private FleetApps apps;
  private Requests requests;
  private String image;

  @BeforeEach
  void start() {
    registry = ContainerRegistry.start(work.resolve("registry"));
    image = registry.image("shop/web");
    registry.pushImage("shop/web", "1.0.0");
    registry.pushImage("shop/web", "1.1.0");
    cluster = new OperatorCluster(work.resolve("cluster"));
    apps = new FleetApps(cluster);
    requests = new Requests(cluster.client);
    apps.webFromRegistry(image, "1.0.0");
  }

  @AfterEach
  void stop() {
    cluster.close();
    registry.close();
  }

  @Test
  void aTagTheRegistryDoesNotHoldIsRefusedInPendingWithTheAppStillRunning() {
    ObjectId tip = cluster.git.tip(BRANCH);

    requests.upgradeImage(WEB_NAMESPACE, "typo", WEB, image, "1.2.0", false);
    UpgradeRequest refused = await(requests.upgrade(WEB_NAMESPACE, "typo"), finished(), OPERATION);

    assertThat(refused.getStatus().phase()).isEqualTo("Failed");
    assertThat(refused.getStatus().failedIn()).isEqualTo("Pending");
    assertThat(refused.getStatus().message())
        .startsWith("the target does not exist: ")
        .contains(image)
        .contains("1.2.0")
        .contains("Nothing was stopped");
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(cluster.git.tip(BRANCH)).as("nothing committed").isEqualTo(tip);
  }

  @Test
  void aTagTheRegistryHoldsPassesTheCheck() {
    requests.upgradeImage(WEB_NAMESPACE, "look", WEB, image, "1.1.0", true);
    UpgradeRequest planned = await(requests.upgrade(WEB_NAMESPACE, "look"), finished(), OPERATION);

    assertThat(planned.getStatus().phase())
        .as(planned.getStatus().message())
        .isEqualTo("Completed");
    assertThat(planned.getStatus().history().get(0).summary())
        .startsWith("found 1 workload")
        .doesNotContain("could not check");
    assertThat(planned.getStatus().message()).contains(image).contains("1.1.0");
  }
}
