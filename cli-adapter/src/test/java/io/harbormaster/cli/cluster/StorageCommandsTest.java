package io.harbormaster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.harbormaster.api.crd.StoragePolicy;
import io.harbormaster.api.crd.StoragePolicySpec;
import io.harbormaster.cli.cluster.HmOnSandbox.Result;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.storage.ClaimedVolumes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hm storage status and plan against a cluster whose operator runs a StoragePolicy. */
@Tag("both-api-servers")
class StorageCommandsTest {
  private static final String NS = "apps";
  private static final long GI = 1024L * 1024 * 1024;

  @TempDir Path work;
  private HmOnSandbox cluster;

  @BeforeEach
  void start() {
    cluster = HmOnSandbox.start(work);
    cluster.startOperator();
    ClaimedVolumes claims = ClaimedVolumes.in(cluster.client, NS);
    claims.storageClass("expandable", true);
    claims.claim("sized-0", "10Gi", "expandable", Map.of("sized", "yes"));
    claims.mount("sized-0");
    cluster.sandbox.nodes().setUsage(NS, "sized-0", 9 * GI);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private void policy() {
    StoragePolicy policy = new StoragePolicy();
    policy.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("data").build());
    policy.setSpec(
        new StoragePolicySpec(
            new LabelSelectorBuilder().addToMatchLabels("sized", "yes").build(),
            null,
            "10Gi",
            "20Gi",
            null,
            null,
            null,
            null,
            new StoragePolicySpec.MaintenanceWindow("0 0 3 * * *", "2h"),
            null,
            null,
            null));
    cluster.client.resource(policy).create();
  }

  @Test
  void statusShowsTheOperatorsLastPassAndPlanDecidesAfresh() {
    policy();
    AwaitCondition.until(
        cluster.client.resources(StoragePolicy.class).inNamespace(NS).withName("data"),
        policy -> policy.getStatus() != null && policy.getStatus().volumes() != null,
        Duration.ofSeconds(60));

    Result status = cluster.hm("storage", "status", "-n", NS);
    Result plan = cluster.hm("storage", "plan", "--policy", "data", "-n", NS);

    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.out())
        .startsWith("StoragePolicy apps/data: ")
        .contains("maintenance window: '0 0 3 * * *' (6 fields, seconds first; UTC) for 2h")
        .contains("PVC", "CAPACITY", "DECISION")
        .containsPattern("sized-0 +10Gi +9Gi \\(90 %\\) +Healthy +(Grow|Queued)");
    assertThat(plan.code()).as(plan.toString()).isZero();
    assertThat(plan.out())
        .startsWith("StoragePolicy apps/data: plan at ")
        .contains("sized-0")
        .contains("budget: ");
  }

  @Test
  void aPolicyThatDoesNotExistIsNamed() {
    Result missing = cluster.hm("storage", "status", "--policy", "nope", "-n", NS);

    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err())
        .isEqualTo(
            "error: StoragePolicy apps/nope not found: list them with 'hm storage status -n apps'\n");
  }
}
