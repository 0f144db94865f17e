package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_FILE;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.OperatorCluster.BRANCH;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static io.harbormaster.operator.Requests.inPhase;
import static io.harbormaster.operator.Requests.settledFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.crd.UpgradeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git server does not take the upgrade's first push, the way a busy fleet repository answers:
 * the upgrade pushes again, lands exactly one commit on top of whatever the branch holds by then
 * and completes. Only a change to the very value it sets stops it, with nothing committed.
 */
@Tag("both-api-servers")
class GitPushRetryTest {
  /**
   * Long enough for a whole operation on a busy machine; the waits end as soon as the state is
   * reached.
   */
  private static final Duration OPERATION = Duration.ofSeconds(90);

  private static final String REQUEST = "to-1-1";

  /**
   * How many pushes the git adapter tries before it leaves the retry to the engine (GitOpsSettings'
   * default).
   */
  private static final int ADAPTER_PUSH_ATTEMPTS = 5;

  @TempDir Path work;
  private OperatorCluster cluster;
  private FleetApps apps;
  private Requests requests;
  private final AtomicInteger pushes = new AtomicInteger();

  @BeforeEach
  void start() {
    cluster = new OperatorCluster(work);
    apps = new FleetApps(cluster);
    requests = new Requests(cluster.client);
    apps.web("1.0.0", "1m", true);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aPushRefusedOnceIsMadeAgainAndLandsOnce() {
    // The branch's lock is held on the server (another writer mid-update): the server says "failed
    // to lock".
    refuseFirstPushes(1);

    requestUpgrade();
    UpgradeRequest done = await(upgrade(), finished(), OPERATION);

    assertThat(pushes).as("pushes the server received").hasValue(2);
    assertLandedOnceAndRunning(done);
  }

  @Test
  void pushesRefusedUntilTheGitAdapterGivesUpAreRetriedByTheOperationWithoutADuplicate() {
    refuseFirstPushes(ADAPTER_PUSH_ATTEMPTS);

    requestUpgrade();
    UpgradeRequest waiting =
        await(
            upgrade(),
            r -> inPhase("GitCommit").test(r) && r.getStatus().lastError() != null,
            OPERATION);
    assertThat(waiting.getStatus().lastError())
        .contains("moved during each of " + ADAPTER_PUSH_ATTEMPTS + " pushes");
    assertThat(apps.commitsFor(WEB_NAMESPACE, REQUEST)).isEmpty();
    // The next step is due at the operator's guard interval; a change to the app wakes it sooner.
    cluster.wakeOperationsOf(WEB_NAMESPACE, WEB);
    UpgradeRequest done = await(upgrade(), finished(), OPERATION);

    assertThat(pushes).as("pushes the server received").hasValue(ADAPTER_PUSH_ATTEMPTS + 1);
    assertLandedOnceAndRunning(done);
  }

  @Test
  void someoneElsesCommitBetweenFetchAndPushIsKeptAndTheUpgradeLandsOnTopOfIt() {
    AtomicReference<ObjectId> theirs = new AtomicReference<>();
    // Someone pushes after Harbormaster fetched: its first push no longer fast-forwards the branch.
    cluster.gitServer.onPreReceive(
        (receive, commands) -> {
          if (pushes.incrementAndGet() == 1) {
            theirs.set(
                cluster.git.commit(
                    BRANCH,
                    Map.of("README.md", "the fleet, edited by someone else\n"),
                    "edit the README"));
          }
        });

    requestUpgrade();
    UpgradeRequest done = await(upgrade(), finished(), OPERATION);

    assertThat(pushes).as("pushes the server received").hasValue(2);
    RevCommit tip = cluster.git.log(BRANCH).get(0);
    assertThat(tip.getName()).isEqualTo(done.getStatus().commitId());
    assertThat(tip.getParent(0).getName())
        .as("the upgrade's parent")
        .isEqualTo(theirs.get().getName());
    assertThat(cluster.git.read(BRANCH, "README.md"))
        .isEqualTo("the fleet, edited by someone else\n");
    assertLandedOnceAndRunning(done);
  }

  @Test
  void someoneSettingTheSameVersionMeanwhileStopsTheUpgradeWithNothingCommitted() {
    // Someone sets the web tag by hand after Harbormaster fetched: whose version wins is a person's
    // call.
    cluster.gitServer.onPreReceive(
        (receive, commands) -> {
          if (pushes.incrementAndGet() == 1) {
            cluster.git.commit(
                BRANCH, Map.of(WEB_FILE, FleetApps.webKustomization("1.2.0")), "web 1.2.0 by hand");
          }
        });

    requestUpgrade();
    UpgradeRequest failed = await(upgrade(), settledFailure(), OPERATION);

    assertThat(failed.getStatus().failedIn()).isEqualTo("GitCommit");
    assertThat(failed.getStatus().message())
        .contains(
            "path 'images[name=web].newTag' holds '1.2.0' on branch 'main', not '1.0.0'",
            "nothing was committed");
    assertThat(pushes).as("pushes the server received").hasValue(1);
    assertThat(apps.commitsFor(WEB_NAMESPACE, REQUEST)).isEmpty();
    assertThat(cluster.git.read(BRANCH, WEB_FILE)).isEqualTo(FleetApps.webKustomization("1.2.0"));
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
  }

  /** The server answers the first {@code refusals} pushes as when the branch's ref lock is held. */
  private void refuseFirstPushes(int refusals) {
    cluster.gitServer.onPreReceive(
        (receive, commands) -> {
          if (pushes.incrementAndGet() <= refusals) {
            commands.forEach(command -> command.setResult(ReceiveCommand.Result.LOCK_FAILURE));
          }
        });
  }

  /** Asks to upgrade web from 1.0.0 to 1.1.0. */
  private void requestUpgrade() {
    requests.upgrade(WEB_NAMESPACE, REQUEST, WEB, "1.1.0", false, false);
  }

  private Resource<UpgradeRequest> upgrade() {
    return requests.upgrade(WEB_NAMESPACE, REQUEST);
  }

  /**
   * Completed with one commit of the upgrade in git, Flux resumed, web 1.1.0 running its replica.
   */
  private void assertLandedOnceAndRunning(UpgradeRequest done) {
    assertThat(done.getStatus().phase()).as(done.getStatus().message()).isEqualTo("Completed");
    assertThat(apps.commitsFor(WEB_NAMESPACE, REQUEST))
        .singleElement()
        .satisfies(commit -> assertThat(commit.getName()).isEqualTo(done.getStatus().commitId()));
    assertThat(cluster.git.read(BRANCH, WEB_FILE)).isEqualTo(FleetApps.webKustomization("1.1.0"));
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(
            apps.awaitReady(WEB_NAMESPACE, WEB)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("web:1.1.0");
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
  }
}
