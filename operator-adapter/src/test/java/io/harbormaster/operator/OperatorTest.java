package io.harbormaster.operator;

import static io.harbormaster.operator.OperatorCluster.APP;
import static io.harbormaster.operator.OperatorCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.operator.crd.UpgradeRequest;
import io.harbormaster.operator.crd.UpgradeRequestSpec;
import io.harbormaster.sandbox.storage.AwaitCondition;
import java.nio.file.Path;
import java.time.Duration;

import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path work;
  private OperatorCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = new OperatorCluster(work);
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Test
  void anInvalidSpecIsRejectedWithAMessageNamingTheField() {
    create("bad", "1.0 beta", false, false);

    UpgradeRequest rejected = await("bad", r -> condition(r, "Failed").isPresent());

    Condition failed = condition(rejected, "Failed").orElseThrow();
    assertThat(failed.getReason()).isEqualTo("InvalidSpec");
    assertThat(failed.getMessage()).startsWith("spec.target.version: '1.0 beta' is not a valid version");
    assertThat(rejected.getStatus().phase()).isNull();
    assertThat(rejected.getMetadata().getFinalizers()).isEmpty();
  }

  @Test
  void aDryRunPlansChangesNothingAndKeepsNoFinalizer() throws Exception {
    ObjectId before = cluster.git.tip();
    create("plan", "2.0.0", true, false);

    UpgradeRequest done = await("plan", r -> r.getStatus() != null && "Completed".equals(r.getStatus().phase()));

    assertThat(done.getStatus().message()).startsWith("dry run, nothing changed");
    assertThat(done.getStatus().versionChanges()).singleElement().satisfies(change -> {
      assertThat(change.from()).isEqualTo("1.0.0");
      assertThat(change.to()).isEqualTo("2.0.0");
    });
    assertThat(done.getMetadata().getFinalizers()).isEmpty();
    assertThat(cluster.git.tip()).isEqualTo(before);
    assertThat(suspended()).isFalse();
    assertThat(replicas()).isEqualTo(1);
  }

  @Test
  void aSecondRequestWaitsBlockedAndARequestDeletedMidFlightPutsFluxAndWorkloadsBack() {
    create("first", "2.0.0", false, true);
    // Nothing plays Flux here, so the upgrade waits in Reconcile for its commit to be applied.
    await("first", r -> r.getStatus() != null && "Reconcile".equals(r.getStatus().phase()));
    assertThat(request("first").get().getMetadata().getFinalizers()).containsExactly("harbormaster.io/operation");

    create("second", "2.0.0", true, false);
    UpgradeRequest blocked = await("second", r -> condition(r, "Blocked").isPresent());
    assertThat(condition(blocked, "Blocked").orElseThrow().getMessage())
        .contains("UpgradeRequest apps/first (phase Reconcile)")
        .contains("ManagedApp apps/web");

    request("first").delete();
    AwaitCondition.until(request("first"), r -> r == null, WAIT);
    assertThat(suspended()).isFalse();
    assertThat(replicas()).isEqualTo(1);

    UpgradeRequest second = await("second", r -> r.getStatus() != null && "Completed".equals(r.getStatus().phase()));
    assertThat(condition(second, "Blocked")).isEmpty();
  }

  private void create(String name, String version, boolean dryRun, boolean skipSnapshot) {
    UpgradeRequest request = new UpgradeRequest();
    request.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(name).build());
    request.setSpec(new UpgradeRequestSpec(APP, new UpgradeRequestSpec.Target(version, Map.of()), dryRun, skipSnapshot));
    cluster.client.resource(request).create();
  }

  private Resource<UpgradeRequest> request(String name) {
    return cluster.client.resources(UpgradeRequest.class).inNamespace(NAMESPACE).withName(name);
  }

  private UpgradeRequest await(String name, java.util.function.Predicate<UpgradeRequest> condition) {
    return AwaitCondition.until(request(name), r -> r != null && condition.test(r), WAIT);
  }

  private static Optional<Condition> condition(UpgradeRequest request, String type) {
    if (request.getStatus() == null || request.getStatus().conditions() == null) {
      return Optional.empty();
    }
    return request.getStatus().conditions().stream().filter(c -> c.getType().equals(type)).findFirst();
  }

  private boolean suspended() {
    GenericKubernetesResource kustomization = cluster.kustomization().get();
    Object spec = kustomization.getAdditionalProperties().get("spec");
    return Boolean.TRUE.equals(((Map<?, ?>) spec).get("suspend"));
  }

  private int replicas() {
    return cluster.client.apps().deployments().inNamespace(NAMESPACE).withName(APP).get().getSpec().getReplicas();
  }

}
