package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.WAIT;
import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_FILE;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.FleetApps.WEB_PVC;
import static io.harbormaster.operator.OperatorCluster.BRANCH;
import static io.harbormaster.operator.OperatorCluster.FLUX_NAMESPACE;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static io.harbormaster.operator.Requests.inPhase;
import static io.harbormaster.operator.Requests.settledFailure;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.api.mapping.ManagedAppMapper;
import io.harbormaster.api.mapping.RequestMapper;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.UpgradeMachine;
import io.harbormaster.core.simulation.SimulatedClock;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phase other than HealthCheck runs past its limit and the upgrade fails cleanly: the message
 * names the phase and the limit, Flux is resumed, the workloads are back, and git holds no commit
 * of it (or a rollback reverts the one it made). The operator's clock is the test's own: it moves
 * past the limit once the phase is provably stuck, and a change to the app's workload wakes the
 * operator to notice, so no test waits the real minutes.
 */
@Tag("both-api-servers")
class PhaseTimeoutTest {
  /**
   * Long enough for a whole operation on a busy machine; the waits end as soon as the state is
   * reached.
   */
  private static final Duration OPERATION = Duration.ofSeconds(90);

  private static final String REQUEST = "to-1-1";

  @TempDir Path work;
  private final SimulatedClock clock = new SimulatedClock(Instant.now());
  private OperatorCluster cluster;
  private FleetApps apps;
  private Requests requests;

  @BeforeEach
  void start() {
    cluster = new OperatorCluster(work, clock);
    apps = new FleetApps(cluster);
    requests = new Requests(cluster.client);
    apps.web("1.0.0", "1m", true);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aPodThatNeverStopsTimesOutScaleDownBeforeAnythingIsCommitted() {
    Resource<Pod> pod = webPod();
    // A finalizer nobody removes keeps the pod Terminating and mounting the volume, as on a lost
    // node.
    pod.patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"finalizers\":[\"test.harbormaster.io/hold\"]}}");

    requests.upgrade(WEB_NAMESPACE, REQUEST, WEB, "1.1.0", false, false);
    await(upgrade(), inPhase("ScaleDown"), OPERATION);
    AwaitCondition.until(
        pod, held -> held != null && held.getMetadata().getDeletionTimestamp() != null, WAIT);
    // Before the timeout, the request says what it waits for, in its status and its Running
    // condition.
    UpgradeRequest stuck =
        await(
            upgrade(),
            r ->
                r.getStatus().waitingFor() != null
                    && r.getStatus().waitingFor().contains("pods still mounting the volumes"),
            OPERATION);
    assertThat(Requests.condition(stuck, "Running").orElseThrow().getMessage())
        .startsWith("phase ScaleDown: waiting for workloads to stop");
    UpgradeRequest failed = runPastTheLimitOf(Phase.SCALE_DOWN);

    assertThat(failed.getStatus().message())
        .startsWith("phase ScaleDown timed out after 5m waiting for workloads to stop")
        .contains("pods still mounting the volumes", pod.get().getMetadata().getName());
    assertThat(apps.snapshotsOf(WEB_PVC)).isEmpty();
    assertPutBackWithoutACommit(failed, "ScaleDown");
  }

  @Test
  void aSnapshotThatNeverGetsReadyTimesOutBeforeAnythingIsCommitted() {
    cluster.storage.snapshots().failSnapshotsOf(WEB_PVC, "simulated: the storage backend is full");

    requests.upgrade(WEB_NAMESPACE, REQUEST, WEB, "1.1.0", false, false);
    // The operator has seen the snapshot's error: it waits on the snapshot now, not on creating it.
    await(
        upgrade(),
        r -> inPhase("Snapshot").test(r) && r.getStatus().lastWarning() != null,
        OPERATION);
    UpgradeRequest failed = runPastTheLimitOf(Phase.SNAPSHOT);

    assertThat(failed.getStatus().message())
        .startsWith(
            "phase Snapshot timed out after 30m without progress waiting for snapshots to be ready to use")
        .contains("simulated: the storage backend is full");
    assertPutBackWithoutACommit(failed, "Snapshot");
  }

  @Test
  void aBranchThatStaysLockedTimesOutGitCommitWithNothingCommitted() {
    // Every push finds the branch's ref lock held on the server; the git adapter's own retries give
    // up.
    cluster.gitServer.onPreReceive(
        (receive, commands) ->
            commands.forEach(command -> command.setResult(ReceiveCommand.Result.LOCK_FAILURE)));

    requests.upgrade(WEB_NAMESPACE, REQUEST, WEB, "1.1.0", false, false);
    await(
        upgrade(),
        r -> inPhase("GitCommit").test(r) && r.getStatus().lastError() != null,
        OPERATION);
    UpgradeRequest failed = runPastTheLimitOf(Phase.GIT_COMMIT);

    assertThat(failed.getStatus().message())
        .startsWith("phase GitCommit timed out after 2m waiting for the commit to")
        .contains("; the last error was: ")
        .contains("branch 'main' moved during each of");
    assertPutBackWithoutACommit(failed, "GitCommit");
  }

  @Test
  void aReconcileFluxNeverFinishesTimesOutAfterTheCommitAndIsRolledBack() {
    cluster.storage.files().write(WEB_PVC, "db/state", "before the upgrade".getBytes(UTF_8));
    // Flux's source names a branch that does not exist: it cannot fetch the commit, and the
    // Kustomization keeps applying the artifact the source fetched before.
    sourceBranch("no-such-branch");

    requests.upgrade(WEB_NAMESPACE, REQUEST, WEB, "1.1.0", false, false);
    await(upgrade(), inPhase("Reconcile"), OPERATION);
    AwaitCondition.until(
        fleet(), repository -> "GitOperationFailed".equals(readyReason(repository)), WAIT);
    cluster
        .storage
        .files()
        .write(WEB_PVC, "db/state", "written while the upgrade waited".getBytes(UTF_8));
    UpgradeRequest failed = runPastTheLimitOf(Phase.RECONCILE);

    assertThat(failed.getStatus().message())
        .startsWith("phase Reconcile timed out after 10m waiting for")
        .endsWith("; rolling back");
    assertThat(failed.getStatus().failedIn()).isEqualTo("Reconcile");
    assertThat(apps.commitsFor(WEB_NAMESPACE, REQUEST))
        .singleElement()
        .satisfies(commit -> assertThat(commit.getName()).isEqualTo(failed.getStatus().commitId()));
    assertThat(requests.events(failed))
        .anySatisfy(event -> assertThat(event.getReason()).isEqualTo("Failed"));
    // Someone repairs the source: the spec change makes source-controller fetch, and its new
    // revision makes the Kustomization apply it.
    sourceBranch(BRANCH);

    RollbackRequest rollback =
        await(requests.rollback(WEB_NAMESPACE, REQUEST + "-rollback"), finished(), OPERATION);

    assertThat(rollback.getStatus().phase())
        .as(rollback.getStatus().message())
        .isEqualTo("Completed");
    assertThat(cluster.git.read(BRANCH, WEB_FILE)).isEqualTo(FleetApps.webKustomization("1.0.0"));
    assertThat(new String(cluster.storage.files().read(WEB_PVC, "db/state"), UTF_8))
        .isEqualTo("before the upgrade");
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(
            apps.awaitReady(WEB_NAMESPACE, WEB)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("web:1.0.0");
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
  }

  /**
   * Moves the operator's clock just past the phase's limit, wakes the operator and waits for the
   * upgrade to have failed and put back what it could.
   */
  private UpgradeRequest runPastTheLimitOf(Phase phase) {
    assertThat(upgrade().get().getStatus().phase())
        .as("the upgrade is still held in its phase")
        .isEqualTo(phase.display());
    clock.advance(timeoutOf(phase).plusSeconds(1));
    cluster.wakeOperationsOf(WEB_NAMESPACE, WEB);
    return await(upgrade(), settledFailure(), OPERATION);
  }

  /**
   * Failed in {@code phase} with Flux resumed, the app back at 1.0.0 with its replica, no commit.
   */
  private void assertPutBackWithoutACommit(UpgradeRequest failed, String phase) {
    assertThat(failed.getStatus().failedIn()).isEqualTo(phase);
    assertThat(failed.getStatus().commitId()).isNull();
    assertThat(apps.commitsFor(WEB_NAMESPACE, REQUEST)).isEmpty();
    assertThat(cluster.git.read(BRANCH, WEB_FILE)).isEqualTo(FleetApps.webKustomization("1.0.0"));
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
    assertThat(
            apps.awaitReady(WEB_NAMESPACE, WEB)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("web:1.0.0");
    assertThat(requests.events(failed))
        .anySatisfy(
            event -> {
              assertThat(event.getType()).isEqualTo("Warning");
              assertThat(event.getReason()).isEqualTo("Failed");
              assertThat(event.getMessage()).startsWith("phase " + phase + " timed out");
            })
        .anySatisfy(event -> assertThat(event.getReason()).isEqualTo("Settled"));
  }

  /** The phase's timeout as the operator's upgrade machine has it for this app. */
  private Duration timeoutOf(Phase phase) {
    ManagedApp app =
        cluster.client.resources(ManagedApp.class).inNamespace(WEB_NAMESPACE).withName(WEB).get();
    return new UpgradeMachine(ManagedAppMapper.toCore(app), RequestMapper.toCore(upgrade().get()))
        .timeout(phase);
  }

  private Resource<UpgradeRequest> upgrade() {
    return requests.upgrade(WEB_NAMESPACE, REQUEST);
  }

  private Resource<Pod> webPod() {
    List<Pod> pods =
        cluster.client.pods().inNamespace(WEB_NAMESPACE).withLabel("app", WEB).list().getItems();
    assertThat(pods).as("the web app runs one pod").hasSize(1);
    return cluster
        .client
        .pods()
        .inNamespace(WEB_NAMESPACE)
        .withName(pods.get(0).getMetadata().getName());
  }

  private Resource<GenericKubernetesResource> fleet() {
    return cluster.flux(
        "source.toolkit.fluxcd.io/v1", "GitRepository", FLUX_NAMESPACE, SandboxCluster.FLEET);
  }

  private void sourceBranch(String branch) {
    fleet()
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"ref\":{\"branch\":\"" + branch + "\"}}}");
  }

  @SuppressWarnings("unchecked")
  private static String readyReason(GenericKubernetesResource flux) {
    if (flux == null || flux.get("status", "conditions") == null) {
      return null;
    }
    List<Map<String, Object>> conditions = flux.get("status", "conditions");
    return conditions.stream()
        .filter(condition -> "Ready".equals(condition.get("type")))
        .map(condition -> (String) condition.get("reason"))
        .findFirst()
        .orElse(null);
  }
}
