package io.harbormaster.sizing.pvc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.sizing.VolumeClass;
import io.harbormaster.core.sizing.VolumeClassifier;
import io.harbormaster.core.sizing.VolumeFacts;
import io.harbormaster.sandbox.apiserver.TestApiServer;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.node.SandboxNodes;
import io.harbormaster.sandbox.storage.ClaimedVolumes;
import io.harbormaster.sandbox.storage.SandboxStorage;
import io.harbormaster.sandbox.workload.WorkloadSimulation;
import io.harbormaster.sizing.kubelet.KubeletSummaryUsage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PVCs of a namespace as the policy reads them, on the sandbox's nodes, kubelets and volume
 * resizer: usage through the API server's node proxy, and each way it can be unknown.
 */
@Tag("both-api-servers")
class PolicyVolumesTest {
  private static final String NS = "db";
  private static final long GI = 1024L * 1024 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Map<String, String> LABELS = Map.of("app", "pg");

  @RegisterExtension final TestApiServer api = new TestApiServer(NS);
  @TempDir Path volumes;

  private SandboxNodes nodes;
  private WorkloadSimulation workloads;
  private SandboxStorage storage;
  private ClaimedVolumes claims;
  private PolicyVolumes policyVolumes;

  @BeforeEach
  void startTheCluster() {
    nodes = SandboxNodes.start(client(), 2);
    workloads = WorkloadSimulation.start(client());
    storage = new SandboxStorage(client(), volumes, Clock.systemUTC());
    claims = ClaimedVolumes.in(client(), NS);
    claims.storageClass("expandable", true);
    policyVolumes =
        new PolicyVolumes(client(), new KubeletSummaryUsage(client(), Clock.systemUTC()));
  }

  @AfterEach
  void stopTheCluster() {
    storage.close();
    workloads.close();
    nodes.close();
  }

  private KubernetesClient client() {
    return api.client();
  }

  private void claim(String name) {
    claims.claim(name, "10Gi", "expandable", LABELS);
  }

  private String mountedBy(String claim) {
    return claims.mount(claim);
  }

  private VolumeFacts read(String name) {
    List<VolumeFacts> all =
        policyVolumes.matching(NS, new LabelSelectorBuilder().withMatchLabels(LABELS).build());
    return all.stream()
        .filter(facts -> facts.pvc().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not among " + all));
  }

  @Test
  void usageComesFromTheKubeletOfTheNodeThatRunsThePod() {
    claim("data-0");
    mountedBy("data-0");
    nodes.setUsage(NS, "data-0", 6 * GI);

    VolumeFacts facts = read("data-0");

    assertThat(facts.capacityBytes()).isEqualTo(10 * GI);
    assertThat(facts.requestedBytes()).isEqualTo(10 * GI);
    assertThat(facts.usage()).isPresent();
    assertThat(facts.usage().get().usedBytes()).isEqualTo(6 * GI);
    // The filesystem is smaller than the PVC: growth is computed from the PVC's capacity.
    assertThat(facts.usage().get().filesystemBytes()).isLessThan(10 * GI).isGreaterThan(6 * GI);
    assertThat(facts.mounted()).isTrue();
    assertThat(facts.expansionAllowed()).contains(true);
    assertThat(VolumeClassifier.classify(facts).kind()).isEqualTo(VolumeClass.HEALTHY);
  }

  @Test
  void eachWayUsageIsUnknownIsNamed() {
    claim("unmounted");
    claim("unmeasured");
    claim("silent");
    mountedBy("unmeasured");
    String silentNode = mountedBy("silent");
    nodes.setUsage(NS, "silent", GI);
    nodes.stopAnswering(silentNode);

    assertThat(read("unmounted").usageUnknownBecause())
        .contains("no running pod mounts it, so no kubelet measures it");
    assertThat(read("unmeasured").usageUnknownBecause().orElseThrow())
        .contains("has no statistics for the volume yet");
    assertThat(read("silent").usageUnknownBecause().orElseThrow())
        .startsWith("node " + silentNode + " did not answer: ")
        .contains("error trying to reach service");
    assertThat(VolumeClassifier.classify(read("unmounted")).kind())
        .isEqualTo(VolumeClass.USAGE_UNKNOWN);
  }

  @Test
  void aGrowthIsARaisedRequestThatTheResizerAndTheKubeletFinish() {
    claim("data-0");
    mountedBy("data-0");
    nodes.setUsage(NS, "data-0", 9 * GI);

    new PvcResizer(client()).grow(ObjectRef.of(NS, "data-0"), 12 * GI);
    PersistentVolumeClaim grown =
        AwaitCondition.until(
            client().persistentVolumeClaims().inNamespace(NS).withName("data-0"),
            pvc ->
                Quantity.getAmountInBytes(pvc.getStatus().getCapacity().get("storage")).longValue()
                    == 12 * GI,
            WAIT);

    assertThat(grown.getSpec().getResources().getRequests().get("storage"))
        .isEqualTo(new Quantity("12Gi"));
    VolumeFacts facts = read("data-0");
    assertThat(facts.capacityBytes()).isEqualTo(12 * GI);
    assertThat(facts.usage().orElseThrow().filesystemBytes()).isGreaterThan(10 * GI);
  }

  @Test
  void aClaimOfAClassThatDoesNotExpandIsUnusableForSizing() {
    claims.storageClass("fixed", false);
    claims.claim("fixed-0", "1Gi", "fixed", LABELS);

    VolumeClassifier.Classification classification = VolumeClassifier.classify(read("fixed-0"));

    assertThat(classification.kind()).isEqualTo(VolumeClass.UNUSABLE);
    assertThat(classification.why()).contains("fixed does not allow expansion");
    assertThat(read("fixed-0").storageClass()).contains("fixed");
  }
}
