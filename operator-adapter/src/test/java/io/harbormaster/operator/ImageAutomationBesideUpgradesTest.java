package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_FILE;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.FleetApps.WEB_PVC;
import static io.harbormaster.operator.OperatorCluster.BRANCH;
import static io.harbormaster.operator.OperatorCluster.BROKEN_TAG;
import static io.harbormaster.operator.OperatorCluster.FLUX_NAMESPACE;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static io.harbormaster.operator.Requests.inPhase;
import static io.harbormaster.operator.Requests.settledFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.ManagedAppSpec;
import io.harbormaster.api.crd.ResumeAutomation;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.harbormaster.sandbox.imageautomation.AutomationRuns;
import io.harbormaster.sandbox.imageautomation.ImageApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flux image automation tracks the web app's tag (a setter marker in apps/web/kustomization.yaml,
 * ImagePolicy flux-system/web on semver ^1.0.0, ImageUpdateAutomation flux-system/web-images every
 * 2 s), beside Harbormaster: the upgrade holds the automation suspended from Suspend to its end, so
 * a tag published meanwhile lands only after it; the rollback of a failed upgrade leaves it
 * suspended, so the tag it undid stays out of git however often the automation's interval comes.
 */
@Tag("both-api-servers")
class ImageAutomationBesideUpgradesTest {
  private static final Duration OPERATION = Duration.ofMinutes(2);
  private static final Duration AUTOMATION = Duration.ofSeconds(30);
  private static final String POLICY = FLUX_NAMESPACE + ":" + WEB;

  /** The automation that writes the web app's tag. */
  private static final String TRACKER = "web-images";

  /**
   * An automation of a folder without markers, on the same interval: its runs are how the test
   * knows that the tracker's intervals have come and gone.
   */
  private static final String METRONOME = "docs-images";

  @TempDir Path work;
  private OperatorCluster cluster;
  private FleetApps apps;
  private Requests requests;

  @BeforeEach
  void start() {
    cluster = new OperatorCluster(work);
    apps = new FleetApps(cluster);
    requests = new Requests(cluster.client);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void anUpgradeHoldsTheAutomationSoATagPublishedMeanwhileLandsOnlyAfterIt() {
    trackWebImage("1m");
    ObjectId before = cluster.git.tip(BRANCH);

    requests.upgrade(WEB_NAMESPACE, "to-1-1", WEB, "1.1.0", false, false);
    publishWhileHeld("1.2.0");
    UpgradeRequest done = await(requests.upgrade(WEB_NAMESPACE, "to-1-1"), finished(), OPERATION);

    assertThat(done.getStatus().phase()).as(done.getStatus().message()).isEqualTo("Completed");
    assertThat(done.getStatus().imageAutomations())
        .extracting(name -> name.namespace() + "/" + name.name())
        .containsExactly(FLUX_NAMESPACE + "/" + TRACKER);
    RevCommit ours = commit(done.getStatus().commitId());
    assertThat(ours.getParent(0).getId())
        .as("no push landed between the upgrade's start and its commit")
        .isEqualTo(before);
    AutomationRuns.Run pushed =
        runs()
            .await(
                FLUX_NAMESPACE,
                TRACKER,
                run -> run.result() == AutomationRuns.Result.PUSHED,
                AUTOMATION);
    assertThat(commit(pushed.detail()).getParent(0).getId())
        .as("the automation pushed once resumed, on top of the upgrade's commit")
        .isEqualTo(ours.getId());
    assertThat(cluster.git.read(BRANCH, WEB_FILE))
        .isEqualTo(SampleApps.webKustomizationTrackedBy("1.2.0", POLICY));
    assertThat(suspended(TRACKER)).isFalse();
  }

  @Test
  void afterAnAutoRollbackTheAutomationStaysSuspendedAndTheLineOnTheGoodTagAcrossItsIntervals() {
    trackWebImage("5s");

    RollbackRequest rollback = rollBackABrokenUpgradeWhileItsTagIsPublished();
    UpgradeRequest failed = requests.upgrade(WEB_NAMESPACE, "to-broken").get();
    int ticks = runs().of(FLUX_NAMESPACE, METRONOME).size();
    runs().await(FLUX_NAMESPACE, METRONOME, run -> isTick(run, ticks + 3), AUTOMATION);

    assertThat(failed.getStatus().phase()).isEqualTo("Failed");
    assertThat(rollback.getStatus().phase())
        .as(rollback.getStatus().message())
        .isEqualTo("Completed");
    assertThat(latestTag()).as("the policy would push the undone tag again").isEqualTo(BROKEN_TAG);
    assertThat(suspended(TRACKER)).isTrue();
    assertThat(runs().of(FLUX_NAMESPACE, TRACKER))
        .noneMatch(run -> run.result() == AutomationRuns.Result.PUSHED);
    assertThat(cluster.git.read(BRANCH, WEB_FILE))
        .as("three intervals after the rollback")
        .isEqualTo(SampleApps.webKustomizationTrackedBy("1.0.0", POLICY));
    assertThat(requests.events(rollback))
        .extracting(Event::getReason)
        .contains("ImageAutomationHeld");
  }

  @Test
  void resumingAfterTheRollbackKeepsTheUndoneTagOutOfThePolicyAndTheLineOnTheGoodTag() {
    trackWebImage("5s");
    nameThePolicyInTheApp(ManagedAppSpec.ImageAutomation.KEEP_SUSPENDED);
    rollBackABrokenUpgradeWhileItsTagIsPublished();
    ManagedApp held =
        AwaitCondition.until(
            managedApp(), app -> "True".equals(heldCondition(app).getStatus()), OPERATION);
    assertThat(heldCondition(held).getMessage())
        .contains("[flux-system/web-images] stays suspended since rollback to-broken-rollback")
        .contains("hm resume-automation web -n apps");

    // What hm resume-automation writes.
    managedApp()
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\""
                + ResumeAutomation.ANNOTATION
                + "\":\"resume-1\"}}}");
    ManagedApp resumed =
        AwaitCondition.until(
            managedApp(),
            app ->
                app.getStatus() != null
                    && "resume-1".equals(app.getStatus().resumeAutomationHandled()),
            OPERATION);
    AwaitCondition.until(
        ImageApi.resources(cluster.client, ImageApi.IMAGE_POLICY)
            .inNamespace(FLUX_NAMESPACE)
            .withName(WEB),
        policy -> "1.0.0".equals(policy.get("status", "latestRef", "tag")),
        AUTOMATION);
    int ticks = runs().of(FLUX_NAMESPACE, METRONOME).size();
    runs().await(FLUX_NAMESPACE, METRONOME, run -> isTick(run, ticks + 3), AUTOMATION);

    assertThat(heldCondition(resumed).getReason())
        .as(heldCondition(resumed).getMessage())
        .isEqualTo("Resumed");
    assertThat(heldCondition(resumed).getMessage())
        .startsWith(
            "resumed ImageUpdateAutomation [flux-system/web-images]: ImagePolicy flux-system/web picks 1.0.0 and cannot pick "
                + BROKEN_TAG);
    assertThat(semverRange()).isEqualTo("^1.0.0, !=" + BROKEN_TAG);
    assertThat(suspended(TRACKER)).isFalse();
    assertThat(runs().of(FLUX_NAMESPACE, TRACKER))
        .as("it runs again, and finds the line where its policy wants it")
        .anyMatch(run -> run.result() == AutomationRuns.Result.UP_TO_DATE)
        .noneMatch(run -> run.result() == AutomationRuns.Result.PUSHED);
    assertThat(cluster.git.read(BRANCH, WEB_FILE))
        .isEqualTo(SampleApps.webKustomizationTrackedBy("1.0.0", POLICY));
  }

  @Test
  void anAppThatAsksForItIsResumedByItselfAfterTheRollbackWithTheTagLeftOut() {
    trackWebImage("5s");
    nameThePolicyInTheApp(ManagedAppSpec.ImageAutomation.RESUME_AFTER_ROLLBACK);

    rollBackABrokenUpgradeWhileItsTagIsPublished();
    ManagedApp resumed =
        AwaitCondition.until(
            managedApp(), app -> "Resumed".equals(heldCondition(app).getReason()), OPERATION);

    assertThat(heldCondition(resumed).getMessage())
        .startsWith(
            "resumed ImageUpdateAutomation [flux-system/web-images]: ImagePolicy flux-system/web picks 1.0.0 and cannot pick "
                + BROKEN_TAG);
    assertThat(semverRange()).isEqualTo("^1.0.0, !=" + BROKEN_TAG);
    assertThat(suspended(TRACKER)).isFalse();
    assertThat(cluster.git.read(BRANCH, WEB_FILE))
        .isEqualTo(SampleApps.webKustomizationTrackedBy("1.0.0", POLICY));
  }

  @Test
  void aPushThatLandsDuringTheSnapshotFailsTheUpgradeBeforeItsCommitAndPutsEverythingBack() {
    trackWebImage("1m");
    // The snapshot driver fails for now, so the upgrade is surely in Snapshot when the push lands.
    cluster.storage.snapshots().failSnapshotsOf(WEB_PVC, "simulated: the storage backend is busy");
    requests.upgrade(WEB_NAMESPACE, "to-1-1", WEB, "1.1.0", false, false);
    await(requests.upgrade(WEB_NAMESPACE, "to-1-1"), inPhase("Snapshot"), OPERATION);
    // An automation run already under way when the upgrade suspended it pushes after all, the tag
    // its policy picks.
    publishWhileHeld("1.2.0");
    String pushed = SampleApps.webKustomizationTrackedBy("1.2.0", POLICY);
    cluster.git.commit(BRANCH, Map.of(WEB_FILE, pushed), "Update from image update automation");
    cluster.storage.snapshots().recoverSnapshotsOf(WEB_PVC);

    UpgradeRequest failed =
        await(requests.upgrade(WEB_NAMESPACE, "to-1-1"), settledFailure(), OPERATION);

    assertThat(failed.getStatus().failedIn()).isEqualTo("GitCommit");
    assertThat(failed.getStatus().message())
        .contains("path 'images[name=web].newTag' holds '1.2.0' on branch 'main', not '1.0.0'");
    assertThat(failed.getStatus().commitId()).isNull();
    assertThat(cluster.git.read(BRANCH, WEB_FILE)).as("the push kept").isEqualTo(pushed);
    assertThat(cluster.git.log(BRANCH).get(0).getShortMessage())
        .isEqualTo("Update from image update automation");
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(suspended(TRACKER)).isFalse();
    assertThat(apps.awaitReady(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
  }

  /**
   * The web app at 1.0.0 with its tag marked for ImagePolicy flux-system/web, the registry holding
   * 1.0.0 alone, and the automations in place; returns once the tracker has run and found nothing
   * to change. The ImageRepository scans only when asked ({@link #publishWhileHeld}).
   */
  private void trackWebImage(String healthCheckTimeout) {
    apps.web("1.0.0", healthCheckTimeout, true);
    cluster.git.commit(
        BRANCH,
        Map.of(WEB_FILE, SampleApps.webKustomizationTrackedBy("1.0.0", POLICY)),
        "Track the web image");
    cluster.sandbox.imageAutomation().registry().publish(WEB, "1.0.0");
    ImageApi.create(cluster.client, ImageApi.imageRepository(FLUX_NAMESPACE, WEB, WEB, "1h"));
    ImageApi.create(
        cluster.client, ImageApi.imagePolicy(FLUX_NAMESPACE, WEB, WEB, ImageApi.semver("^1.0.0")));
    ImageApi.create(cluster.client, automation(TRACKER, "./apps/web"));
    ImageApi.create(cluster.client, automation(METRONOME, "./docs"));
    runs()
        .await(
            FLUX_NAMESPACE,
            TRACKER,
            run -> run.result() == AutomationRuns.Result.UP_TO_DATE,
            AUTOMATION);
  }

  /**
   * An upgrade to the broken tag, which is published while the upgrade holds the tracker (so the
   * policy picks it), and its automatic rollback, waited for to its end.
   */
  private RollbackRequest rollBackABrokenUpgradeWhileItsTagIsPublished() {
    requests.upgrade(WEB_NAMESPACE, "to-broken", WEB, BROKEN_TAG, false, false);
    publishWhileHeld(BROKEN_TAG);
    return await(requests.rollback(WEB_NAMESPACE, "to-broken-rollback"), finished(), OPERATION);
  }

  /**
   * Once the upgrade holds the tracker suspended, publishes {@code tag} and has the ImageRepository
   * scan, and waits until the policy picks it: the automation would push it now, were it running.
   */
  private void publishWhileHeld(String tag) {
    AwaitCondition.until(
        automationResource(TRACKER),
        automation -> Boolean.TRUE.equals(automation.get("spec", "suspend")),
        OPERATION);
    cluster.sandbox.imageAutomation().registry().publish(WEB, tag);
    ImageApi.resources(cluster.client, ImageApi.IMAGE_REPOSITORY)
        .inNamespace(FLUX_NAMESPACE)
        .withName(WEB)
        .edit(
            repository -> {
              repository
                  .getMetadata()
                  .setAnnotations(
                      Map.of("reconcile.fluxcd.io/requestedAt", Instant.now().toString()));
              return repository;
            });
    AwaitCondition.until(
        ImageApi.resources(cluster.client, ImageApi.IMAGE_POLICY)
            .inNamespace(FLUX_NAMESPACE)
            .withName(WEB),
        policy -> tag.equals(policy.get("status", "latestRef", "tag")),
        AUTOMATION);
  }

  /**
   * spec.git.imagePolicy of the web app (the policy whose marker is on its version path), and what
   * becomes of the automations a rollback holds.
   */
  private void nameThePolicyInTheApp(ManagedAppSpec.ImageAutomation afterRollback) {
    // A merge patch without a resourceVersion: the operator writes the app's status meanwhile.
    managedApp()
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            cluster
                .client
                .getKubernetesSerialization()
                .asJson(
                    Map.of(
                        "spec",
                        Map.of(
                            "git",
                            Map.of("imagePolicy", POLICY),
                            "imageAutomation",
                            afterRollback == ManagedAppSpec.ImageAutomation.RESUME_AFTER_ROLLBACK
                                ? "resumeAfterRollback"
                                : "keepSuspended"))));
  }

  private Resource<ManagedApp> managedApp() {
    return cluster.client.resources(ManagedApp.class).inNamespace(WEB_NAMESPACE).withName(WEB);
  }

  /** The app's condition ImageAutomationHeld; an empty one before the status has it. */
  private static Condition heldCondition(ManagedApp app) {
    if (app.getStatus() == null || app.getStatus().conditions() == null) {
      return new Condition();
    }
    return app.getStatus().conditions().stream()
        .filter(condition -> condition.getType().equals("ImageAutomationHeld"))
        .findFirst()
        .orElseGet(Condition::new);
  }

  private static GenericKubernetesResource automation(String name, String path) {
    return ImageApi.imageUpdateAutomation(
        FLUX_NAMESPACE, name, SandboxCluster.FLEET, BRANCH, path, "2s", "Flux", "flux@example.com");
  }

  private Resource<GenericKubernetesResource> automationResource(String name) {
    return ImageApi.resources(cluster.client, ImageApi.IMAGE_UPDATE_AUTOMATION)
        .inNamespace(FLUX_NAMESPACE)
        .withName(name);
  }

  private boolean suspended(String automation) {
    return Boolean.TRUE.equals(automationResource(automation).get().get("spec", "suspend"));
  }

  private String semverRange() {
    return ImageApi.resources(cluster.client, ImageApi.IMAGE_POLICY)
        .inNamespace(FLUX_NAMESPACE)
        .withName(WEB)
        .get()
        .get("spec", "policy", "semver", "range");
  }

  private String latestTag() {
    return ImageApi.resources(cluster.client, ImageApi.IMAGE_POLICY)
        .inNamespace(FLUX_NAMESPACE)
        .withName(WEB)
        .get()
        .get("status", "latestRef", "tag");
  }

  private AutomationRuns runs() {
    return cluster.sandbox.imageAutomation().runs();
  }

  /** Whether {@code run} is the metronome's {@code n}th (counted from 1). */
  private boolean isTick(AutomationRuns.Run run, int n) {
    return runs().of(FLUX_NAMESPACE, METRONOME).indexOf(run) + 1 >= n;
  }

  private RevCommit commit(String id) {
    return cluster.git.log(BRANCH).stream()
        .filter(commit -> commit.getName().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("commit " + id + " is not on " + BRANCH));
  }
}
