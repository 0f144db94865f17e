package io.harbormaster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.harbormaster.api.crd.DrivenBy;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.cli.cluster.HmOnSandbox.Result;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.harbormaster.sandbox.imageautomation.ImageApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * upgrade, rollback and status against a cluster whose operator does the work (in-process on the
 * sandbox).
 */
@Tag("both-api-servers")
class OperatorCommandsTest {
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final String BROKEN_TAG = HmOnSandbox.BROKEN_TAG;

  @TempDir Path work;
  private HmOnSandbox cluster;

  @BeforeEach
  void start() {
    cluster = HmOnSandbox.start(work);
    cluster.startOperator();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void upgradeWaitPrintsEachPhaseToCompletedAndStatusDescribesTheRequest() {
    cluster.web("1.0.0", "1m");

    Result upgrade = cluster.hm("upgrade", "web", "--to", "1.1.0", "--wait", "--name", "to-1-1");

    assertThat(upgrade.code()).as(upgrade.toString()).isZero();
    assertThat(upgrade.out())
        .startsWith("upgraderequest.harbormaster.io/to-1-1 created\n")
        .containsSubsequence(
            "Pending",
            "Suspend",
            "ScaleDown",
            "Snapshot",
            "GitCommit",
            "Reconcile",
            "HealthCheck",
            "Completed")
        .contains("PHASE          DURATION  WHAT WAS DONE");
    assertThat(fleetFile(SampleApps.WEB_FILE)).isEqualTo(SampleApps.webKustomization("1.1.0"));
    String commit = cluster.sandbox.fleet().log(SandboxCluster.BRANCH).get(0).getName();

    Result status = cluster.hm("status", "to-1-1");
    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.out())
        .startsWith(
            "Name:        apps/to-1-1\nKind:        UpgradeRequest\nPhase:       Completed\n")
        .contains(
            "App:         apps/web\n", "Target:      1.1.0\n", "Commit:      " + commit + "\n")
        .contains("Changes:     images[name=web].newTag: 1.0.0 -> 1.1.0\n")
        .containsPattern("Workloads:   Deployment apps/web \\(.+\\)\n")
        .containsPattern("Snapshots:   apps/data -> VolumeSnapshot to-1-1-\\S+\n")
        .containsPattern(
            "History:\n  PHASE +STARTED +DURATION +WHAT WAS DONE\n  Pending +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +\\d+m?s +found 1 workload")
        .contains("  HealthCheck ");

    Result yaml = cluster.hm("status", "to-1-1", "-o", "yaml");
    UpgradeRequest document = Serialization.unmarshal(yaml.out(), UpgradeRequest.class);
    assertThat(document.getStatus().phase()).isEqualTo("Completed");
    assertThat(document.getStatus().commitId()).isEqualTo(commit);
  }

  @Test
  void upgradeWaitToABrokenVersionFollowsTheAutoRollbackAndExitsOne() {
    cluster.web("1.0.0", "4s");

    Result upgrade =
        cluster.hm(
            "upgrade",
            "web",
            "--to",
            HmOnSandbox.BROKEN_TAG,
            "--wait",
            "--name",
            "to-broken",
            "-o",
            "json");

    assertThat(upgrade.code()).as(upgrade.toString()).isEqualTo(1);
    KubernetesList requests = Serialization.unmarshal(upgrade.out(), KubernetesList.class);
    assertThat(requests.getItems())
        .extracting(
            item ->
                item.getKind()
                    + " "
                    + item.getMetadata().getName()
                    + " "
                    + ((GenericKubernetesResource) item).get("status", "phase"))
        .containsExactly(
            "UpgradeRequest to-broken Failed", "RollbackRequest to-broken-rollback Completed");
    // Progress goes to stderr when stdout is a document.
    assertThat(upgrade.err())
        .containsSubsequence(
            "HealthCheck",
            "Failed",
            "Rollback apps/to-broken-rollback (auto-triggered by the failed upgrade)",
            "VolumeRestore",
            "GitRevert",
            "Completed");
    assertThat(fleetFile(SampleApps.WEB_FILE)).isEqualTo(SampleApps.webKustomization("1.0.0"));

    Result status = cluster.hm("status", "to-broken");
    assertThat(status.code()).as("a Failed request").isEqualTo(1);
    assertThat(status.out()).contains("Phase:       Failed\n");
  }

  @Test
  void resumeAutomationPrintsWhatTheOperatorDidOrWhyItDidNot() {
    cluster.web("1.0.0", "4s");
    Result nothing = cluster.hm("resume-automation", "web");
    assertThat(nothing.code()).as(nothing.toString()).isZero();
    assertThat(nothing.out())
        .startsWith("nothing to resume: no operation of the app holds an image automation");

    // An automation that writes the web app's file: the failed upgrade's rollback holds it.
    ImageApi.create(
        cluster.client,
        ImageApi.imageUpdateAutomation(
            "flux-system",
            "web-images",
            SandboxCluster.FLEET,
            SandboxCluster.BRANCH,
            "./apps/web",
            "1h",
            "Flux",
            "flux@example.com"));
    assertThat(cluster.hm("upgrade", "web", "--to", BROKEN_TAG, "--wait").code()).isEqualTo(1);
    Result refused = cluster.hm("resume-automation", "web");

    assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith("error: not resumed: spec.git.imagePolicy is not set, so Harbormaster cannot");
    assertThat(
            (Object)
                ImageApi.resources(cluster.client, ImageApi.IMAGE_UPDATE_AUTOMATION)
                    .inNamespace("flux-system")
                    .withName("web-images")
                    .get()
                    .get("spec", "suspend"))
        .isEqualTo(true);
    assertThat(cluster.hm("resume-automation", "nope").code()).as("no such app").isEqualTo(3);
  }

  @Test
  void aDryRunWaitsForThePlanAndChangesNothing() {
    cluster.web("1.0.0", "1m");
    String tip = cluster.sandbox.fleet().log(SandboxCluster.BRANCH).get(0).getName();

    Result dryRun = cluster.hm("upgrade", "web", "--to", "1.1.0", "--dry-run", "--name", "plan");

    assertThat(dryRun.code()).as(dryRun.toString()).isZero();
    assertThat(dryRun.out())
        .startsWith("upgraderequest.harbormaster.io/plan created\n")
        .containsSubsequence("Pending", "DryRun", "Completed")
        .contains("dry run, nothing changed: would");
    assertThat(cluster.sandbox.fleet().log(SandboxCluster.BRANCH).get(0).getName()).isEqualTo(tip);
    assertThat(cluster.sandbox.suspended(SampleApps.WEB)).isFalse();
  }

  @Test
  void aRequestTheOperatorRefusesEndsTheWaitAtOnceWithItsReason() {
    cluster.web("1.0.0", "1m");

    // A PVC both snapshotted and excluded: no CRD schema can say so, so the API server stores the
    // app and the operator refuses requests of it.
    cluster
        .client
        .resources(ManagedApp.class)
        .inNamespace("apps")
        .withName("web")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"snapshots\":{\"pvcs\":[\"data\"],\"excludePVCs\":[\"data\"]}}}");
    Result refused =
        cluster.hm(
            "upgrade", "web", "--to", "1.1.0", "--wait", "--timeout", "60s", "--name", "bad");

    assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.out()).contains("Refused").contains("spec.snapshots.excludePVCs");
  }

  @Test
  void aDowngradeIsRefusedUnlessAllowed() {
    cluster.web("1.0.0", "1m");

    Result refused = cluster.hm("upgrade", "web", "--to", "0.9.0", "--wait", "--name", "down");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.out()).contains("images[name=web].newTag: 1.0.0 -> 0.9.0 is a downgrade");
    assertThat(fleetFile(SampleApps.WEB_FILE)).isEqualTo(SampleApps.webKustomization("1.0.0"));

    Result allowed =
        cluster.hm(
            "upgrade",
            "web",
            "--to",
            "0.9.0",
            "--allow-downgrade",
            "--wait",
            "--name",
            "down-anyway");
    assertThat(allowed.code()).as(allowed.toString()).isZero();
    assertThat(fleetFile(SampleApps.WEB_FILE)).isEqualTo(SampleApps.webKustomization("0.9.0"));
  }

  @Test
  void aLocalRunOnAClusterWithAnOperatorIsLeftToTheCliRollbackIncluded() {
    cluster.web("1.0.0", "4s");
    List<String> operatorMarks = new CopyOnWriteArrayList<>();
    Watcher<HasMetadata> finalizers =
        new Watcher<>() {
          @Override
          public void eventReceived(Action action, HasMetadata request) {
            if (request.getMetadata().getFinalizers() != null
                && !request.getMetadata().getFinalizers().isEmpty()) {
              operatorMarks.add(
                  request.getMetadata().getName() + " " + request.getMetadata().getFinalizers());
            }
          }

          @Override
          public void onClose(WatcherException cause) {}
        };
    try (Watch upgrades =
            cluster
                .client
                .resources(UpgradeRequest.class)
                .inNamespace("apps")
                .watch(cast(finalizers));
        Watch rollbacks =
            cluster
                .client
                .resources(RollbackRequest.class)
                .inNamespace("apps")
                .watch(cast(finalizers))) {

      Result local =
          cluster.hmLocal(
              "upgrade", "web", "--to", HmOnSandbox.BROKEN_TAG, "--name", "local-broken");

      assertThat(local.code()).as(local.toString()).isEqualTo(1);
      assertThat(local.out())
          .contains("Rollback apps/local-broken-rollback (auto-triggered by the failed upgrade)");
    }
    RollbackRequest rollback =
        cluster
            .client
            .resources(RollbackRequest.class)
            .inNamespace("apps")
            .withName("local-broken-rollback")
            .get();
    assertThat(rollback.getStatus().phase()).isEqualTo("Completed");
    assertThat(rollback.getMetadata().getAnnotations())
        .containsEntry(DrivenBy.ANNOTATION, DrivenBy.HM_LOCAL);
    // The operator puts its finalizer on every request it runs: it ran neither.
    assertThat(operatorMarks).isEmpty();
    assertThat(fleetFile(SampleApps.WEB_FILE)).isEqualTo(SampleApps.webKustomization("1.0.0"));
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> Watcher<T> cast(Watcher<HasMetadata> watcher) {
    return (Watcher<T>) (Watcher<?>) watcher;
  }

  @Test
  void statusWatchFollowsAnUpgradeAndRollbackWaitUndoesIt() {
    cluster.web("1.0.0", "1m");

    Result created = cluster.hm("upgrade", "web", "--to", "1.1.0", "--name", "to-1-1");
    assertThat(created.code()).isZero();
    assertThat(created.out()).isEqualTo("upgraderequest.harbormaster.io/to-1-1 created\n");

    Result watched = cluster.hm("status", "to-1-1", "--watch");
    assertThat(watched.code()).as(watched.toString()).isZero();
    assertThat(watched.out())
        .containsSubsequence("GitCommit", "HealthCheck", "Phase:       Completed");
    assertThat(fleetFile(SampleApps.WEB_FILE)).isEqualTo(SampleApps.webKustomization("1.1.0"));

    Result rollback = cluster.hm("rollback", "to-1-1", "--wait", "--name", "undo");
    assertThat(rollback.code()).as(rollback.toString()).isZero();
    assertThat(rollback.out())
        .startsWith("rollbackrequest.harbormaster.io/undo created\n")
        .containsSubsequence(
            "Suspend",
            "ScaleDown",
            "VolumeRestore",
            "GitRevert",
            "Reconcile",
            "HealthCheck",
            "Completed");
    assertThat(fleetFile(SampleApps.WEB_FILE)).isEqualTo(SampleApps.webKustomization("1.0.0"));
    assertThat(cluster.hm("status", "undo").out())
        .contains("Kind:        RollbackRequest\n", "Upgrade:     apps/to-1-1\n");
  }

  @Test
  void cancelDeletesAWaitingRequestStopsARunningUpgradeThroughItsRollbackAndRefusesAnEndedOne() {
    cluster.web("1.0.0", "1m");
    assertThat(cluster.hm("upgrade", "web", "--to", BROKEN_TAG, "--name", "broken").code())
        .isZero();
    // Its pods never get Ready: it waits in HealthCheck, past its commit.
    AwaitCondition.until(
        cluster.client.resources(UpgradeRequest.class).inNamespace("apps").withName("broken"),
        request -> request.getStatus() != null && "HealthCheck".equals(request.getStatus().phase()),
        WAIT);
    assertThat(cluster.hm("upgrade", "web", "--to", "1.1.0", "--name", "waiting").code()).isZero();

    Result waiting = cluster.hm("cancel", "waiting");
    assertThat(waiting.code()).as(waiting.toString()).isZero();
    assertThat(waiting.out())
        .isEqualTo("upgraderequest.harbormaster.io/waiting deleted (it had not started)\n");
    assertThat(
            cluster
                .client
                .resources(UpgradeRequest.class)
                .inNamespace("apps")
                .withName("waiting")
                .get())
        .isNull();

    Result running = cluster.hm("cancel", "broken", "--wait");
    assertThat(running.code()).as(running.toString()).isZero();
    assertThat(running.out())
        .startsWith("upgraderequest.harbormaster.io/broken cancelled in phase HealthCheck: ")
        .containsSubsequence(
            "request deleted",
            "Rollback apps/broken-rollback (auto-triggered by the failed upgrade)",
            "VolumeRestore",
            "GitRevert",
            "Completed");
    assertThat(fleetFile(SampleApps.WEB_FILE)).isEqualTo(SampleApps.webKustomization("1.0.0"));
    assertThat(cluster.sandbox.suspended(SampleApps.WEB)).isFalse();
    // The upgrade stayed until its rollback had ended, then went; the rollback it owns is the
    // garbage collector's (the real API server's removes it, the mock has none).
    AwaitCondition.until(
        cluster.client.resources(UpgradeRequest.class).inNamespace("apps").withName("broken"),
        request -> request == null,
        WAIT);
    RollbackRequest rollback =
        cluster
            .client
            .resources(RollbackRequest.class)
            .inNamespace("apps")
            .withName("broken-rollback")
            .get();
    assertThat(rollback == null || "Completed".equals(rollback.getStatus().phase()))
        .as("the rollback, if not collected yet, has completed: %s", rollback)
        .isTrue();

    assertThat(cluster.hm("upgrade", "web", "--to", "1.1.0", "--wait", "--name", "done").code())
        .isZero();
    Result ended = cluster.hm("cancel", "done");
    assertThat(ended.code()).as(ended.toString()).isEqualTo(1);
    assertThat(ended.err())
        .isEqualTo(
            "error: upgraderequest.harbormaster.io/done has already ended Completed: there is"
                + " nothing to cancel; to undo it, 'hm rollback done'\n");
    assertThat(cluster.hm("cancel", "broken").code()).as("gone").isEqualTo(3);
  }

  private String fleetFile(String path) {
    return cluster.sandbox.fleet().read(SandboxCluster.BRANCH, path);
  }
}
