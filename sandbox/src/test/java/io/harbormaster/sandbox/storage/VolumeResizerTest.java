package io.harbormaster.sandbox.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.sandbox.apiserver.TestApiServer;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.node.SandboxNodes;
import io.harbormaster.sandbox.workload.Kubelet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Tag("both-api-servers")
class VolumeResizerTest {
  private static final String NS = "db";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Quantity OLD = new Quantity("1Gi");
  private static final Quantity NEW = new Quantity("2Gi");

  @RegisterExtension final TestApiServer api = new TestApiServer(NS);
  @TempDir Path root;
  private KubernetesClient client;
  private SandboxStorage storage;
  private SandboxNodes nodes;
  private Kubelet kubelet;

  @BeforeEach
  void start() {
    client = api.client();
    storage = new SandboxStorage(client, root, Clock.systemUTC());
    nodes = SandboxNodes.start(client, 1);
    kubelet = Kubelet.start(client, Set.of());
    storageClass("one-step", true, Map.of(VolumeResizer.NODE_EXPANSION, "false"));
    storageClass("two-step", true, Map.of());
    storageClass("fixed", null, Map.of());
  }

  @AfterEach
  void stop() {
    kubelet.close();
    nodes.close();
    storage.close();
  }

  @Test
  void aDriverWithoutNodeExpansionGrowsTheClaimAtOnce() {
    bindClaim("data", "one-step");

    raise("data");

    PersistentVolumeClaim grown = awaitClaim("data", hasCapacity(NEW));
    assertThat(grown.getStatus().getConditions()).isEmpty();
    assertThat(volumeCapacity(grown)).isEqualTo(NEW);
  }

  @Test
  void aDriverWithNodeExpansionWaitsForAPodToMountTheClaim() {
    bindClaim("data", "two-step");

    raise("data");

    PersistentVolumeClaim pending =
        awaitClaim(
            "data",
            claim ->
                claim.getStatus().getConditions().stream()
                    .anyMatch(
                        condition ->
                            VolumeResizer.FILESYSTEM_RESIZE_PENDING.equals(condition.getType())
                                && "True".equals(condition.getStatus())));
    assertThat(pending.getStatus().getCapacity()).containsEntry("storage", OLD);
    assertThat(volumeCapacity(pending)).isEqualTo(NEW);

    runPodMounting("data");

    PersistentVolumeClaim grown = awaitClaim("data", hasCapacity(NEW));
    assertThat(grown.getStatus().getConditions()).isEmpty();
  }

  @Test
  void aClassThatDoesNotAllowExpansionLeavesTheClaimAlone() {
    bindClaim("data", "fixed");
    bindClaim("witness", "one-step");

    try {
      raise("data");
    } catch (KubernetesClientException refused) {
      // A real API server's admission refuses it at once; the mock takes it.
      assertThat(refused.getCode()).isEqualTo(403);
    }
    raise("witness");
    awaitClaim("witness", hasCapacity(NEW));

    PersistentVolumeClaim untouched = claim("data").get();
    assertThat(untouched.getStatus().getCapacity()).containsEntry("storage", OLD);
    assertThat(untouched.getStatus().getConditions()).isEmpty();
    assertThat(volumeCapacity(untouched)).isEqualTo(OLD);
  }

  private void storageClass(String name, Boolean allowExpansion, Map<String, String> parameters) {
    client
        .storage()
        .v1()
        .storageClasses()
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withProvisioner("sandbox.csi.harbormaster.io")
                .withAllowVolumeExpansion(allowExpansion)
                .withParameters(parameters)
                .build())
        .create();
  }

  private void bindClaim(String name, String storageClass) {
    client
        .persistentVolumeClaims()
        .inNamespace(NS)
        .resource(TestClaims.pvc(NS, name, storageClass, OLD.toString()))
        .create();
    awaitClaim(name, claim -> "Bound".equals(claim.getStatus().getPhase()));
  }

  /** What storage sizing does: asks for more in the claim's spec. */
  private void raise(String name) {
    claim(name)
        .edit(
            claim -> {
              claim.getSpec().getResources().getRequests().put("storage", NEW);
              return claim;
            });
  }

  private void runPodMounting(String claimName) {
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder(TestClaims.podMounting(NS, "db-0", claimName))
                .editSpec()
                .withNodeName(nodes.names().get(0))
                .endSpec()
                .build())
        .create();
  }

  private Quantity volumeCapacity(PersistentVolumeClaim claim) {
    return client
        .persistentVolumes()
        .withName(claim.getSpec().getVolumeName())
        .get()
        .getSpec()
        .getCapacity()
        .get("storage");
  }

  private static Predicate<PersistentVolumeClaim> hasCapacity(Quantity size) {
    return claim -> size.equals(claim.getStatus().getCapacity().get("storage"));
  }

  private PersistentVolumeClaim awaitClaim(
      String name, Predicate<PersistentVolumeClaim> condition) {
    return AwaitCondition.until(
        claim(name),
        claim -> claim != null && claim.getStatus() != null && condition.test(claim),
        WAIT);
  }

  private Resource<PersistentVolumeClaim> claim(String name) {
    return client.persistentVolumeClaims().inNamespace(NS).withName(name);
  }
}
