package io.harbormaster.sandbox.imageautomation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.sandbox.apiserver.TestApiServer;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.flux.SimulatedFlux;
import io.harbormaster.sandbox.git.BareRepository;
import io.harbormaster.sandbox.git.GitServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flux image automation on the sandbox's simulated Flux: tags published to its registry reach an
 * ImagePolicy through its ImageRepository's scans, and an ImageUpdateAutomation rewrites the marked
 * lines of the fleet on the sandbox's git server and pushes, as the real controllers do.
 */
@Tag("both-api-servers")
class ImageAutomationSimulationTest {
  private static final String NS = "flux-system";
  private static final String IMAGE = "ghcr.io/acme/web";
  private static final String BRANCH = "main";
  private static final String DEPLOYMENT = "apps/web/deployment.yaml";
  private static final String VALUES = "apps/web/values.yaml";
  private static final String OUTSIDE = "infra/web.yaml";
  private static final String BOT = "Flux Bot";
  private static final String BOT_EMAIL = "flux@example.com";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension final TestApiServer api = new TestApiServer(NS);
  @TempDir Path temp;

  private KubernetesClient client;
  private GitServer gitServer;
  private BareRepository fleet;
  private SimulatedFlux flux;
  private TagRegistry registry;
  private AutomationRuns runs;
  private int requests;

  @BeforeEach
  void start() {
    client = api.client();
    gitServer = GitServer.start(temp.resolve("git"));
    fleet = gitServer.create("fleet.git");
    flux = SimulatedFlux.start(client);
    registry = flux.imageAutomation().registry();
    runs = flux.imageAutomation().runs();
    client
        .genericKubernetesResources("source.toolkit.fluxcd.io/v1", "GitRepository")
        .inNamespace(NS)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("source.toolkit.fluxcd.io/v1")
                .withKind("GitRepository")
                .withNewMetadata()
                .withNamespace(NS)
                .withName("fleet")
                .endMetadata()
                .withAdditionalProperties(
                    Map.of(
                        "spec",
                        Map.of(
                            "url",
                            gitServer.url("fleet.git"),
                            "ref",
                            Map.of("branch", BRANCH),
                            "interval",
                            "1h")))
                .build())
        .create();
  }

  @AfterEach
  void stop() {
    flux.close();
    fleet.close();
    gitServer.close();
  }

  @Test
  void aPolicyPicksTheNewestTagInItsRangeFromWhatTheLastScanFound() {
    registry.publish(IMAGE, "1.0.0", "1.1.0", "1.2.0", "1.3.0-rc.1", "2.0.0", "latest");
    ImageApi.create(client, ImageApi.imageRepository(NS, "web", IMAGE, "1h"));
    ImageApi.create(
        client, ImageApi.imagePolicy(NS, "web", "web", ImageApi.semver(">=1.0.0 <2.0.0")));

    GenericKubernetesResource policy = await(ImageApi.IMAGE_POLICY, "web", latestTag("1.2.0"));

    assertThat(policy.<Object>get("status", "latestRef"))
        .isEqualTo(Map.of("name", IMAGE, "tag", "1.2.0"));
    assertThat(condition(policy, "Ready"))
        .containsEntry("status", "True")
        .containsEntry("reason", "Succeeded")
        .containsEntry("message", "Latest image tag for " + IMAGE + " resolved to 1.2.0");
    GenericKubernetesResource repository = get(ImageApi.IMAGE_REPOSITORY, "web");
    assertThat(repository.<Object>get("status", "canonicalImageName")).isEqualTo(IMAGE);
    assertThat(repository.<Object>get("status", "lastScanResult", "tagCount")).isEqualTo(6);
    assertThat(repository.<Object>get("status", "lastScanResult", "latestTags"))
        .isEqualTo(List.of("latest", "2.0.0", "1.3.0-rc.1", "1.2.0", "1.1.0", "1.0.0"));
    assertThat(condition(repository, "Ready"))
        .containsEntry("reason", "Succeeded")
        .hasEntrySatisfying(
            "message",
            message ->
                assertThat((String) message)
                    .startsWith("successful scan: found 6 tags with checksum "));

    registry.publish(IMAGE, "1.4.0", "2.1.0");
    requestReconcile(ImageApi.IMAGE_REPOSITORY, "web");
    policy = await(ImageApi.IMAGE_POLICY, "web", latestTag("1.4.0"));

    assertThat(policy.<Object>get("status", "observedPreviousRef"))
        .isEqualTo(Map.of("name", IMAGE, "tag", "1.2.0"));
    assertThat(condition(policy, "Ready"))
        .containsEntry(
            "message",
            "Latest image tag for "
                + IMAGE
                + " resolved to 1.4.0 (previously "
                + IMAGE
                + ":1.2.0)");
  }

  @Test
  void aPolicyWithNoTagInItsRangeIsNotReadyInTheControllersWords() {
    registry.publish(IMAGE, "1.0.0", "2.0.0");
    ImageApi.create(client, ImageApi.imageRepository(NS, "web", IMAGE, "1h"));
    ImageApi.create(client, ImageApi.imagePolicy(NS, "web", "web", ImageApi.semver("~3.0")));

    GenericKubernetesResource policy =
        await(
            ImageApi.IMAGE_POLICY,
            "web",
            object -> "Failure".equals(condition(object, "Ready").get("reason")));

    assertThat(condition(policy, "Ready"))
        .containsEntry("status", "False")
        .containsEntry("message", "unable to determine latest version from provided list");
    assertThat(policy.<Object>get("status", "latestRef")).isNull();
  }

  @Test
  void anExcludedOrFilteredOutTagIsNeverChosen() {
    registry.publish(IMAGE, "1.0.0", "1.1.0", "9.0.0");
    ImageApi.create(
        client,
        ImageApi.withSpec(
            ImageApi.imageRepository(NS, "web", IMAGE, "1h"), "exclusionList", List.of("^9\\.")));
    ImageApi.create(client, ImageApi.imagePolicy(NS, "web", "web", ImageApi.semver(">=1.0.0")));
    String builds = "ghcr.io/acme/builds";
    registry.publish(builds, "main-100", "main-200", "pr-900");
    ImageApi.create(client, ImageApi.imageRepository(NS, "builds", builds, "1h"));
    ImageApi.create(
        client,
        ImageApi.withSpec(
            ImageApi.imagePolicy(NS, "builds", "builds", ImageApi.numerical("asc")),
            "filterTags",
            Map.of("pattern", "^main-(?P<ts>[0-9]+)$", "extract", "$ts")));

    await(ImageApi.IMAGE_POLICY, "web", latestTag("1.1.0"));
    await(ImageApi.IMAGE_POLICY, "builds", latestTag("main-200"));
    GenericKubernetesResource repository = get(ImageApi.IMAGE_REPOSITORY, "web");
    assertThat(repository.<Object>get("status", "lastScanResult", "tagCount")).isEqualTo(2);
    assertThat(repository.<Object>get("status", "observedExclusionList"))
        .isEqualTo(List.of("^9\\."));

    // Newer tags land in one scan each with an excluded one beside them: the allowed one wins.
    registry.publish(IMAGE, "9.1.0", "1.1.1");
    registry.publish(builds, "pr-999", "main-300");
    requestReconcile(ImageApi.IMAGE_REPOSITORY, "web");
    requestReconcile(ImageApi.IMAGE_REPOSITORY, "builds");

    await(ImageApi.IMAGE_POLICY, "web", latestTag("1.1.1"));
    await(ImageApi.IMAGE_POLICY, "builds", latestTag("main-300"));
  }

  @Test
  void theAutomationRewritesOnlyMarkedLinesUnderItsPathAndPushesACommitByItsAuthor() {
    ObjectId start = fleetAt("1.0.0");
    resolvedPolicy("1.0.0", "1.2.0");

    ImageApi.create(client, automation("1h"));
    GenericKubernetesResource automation =
        await(
            ImageApi.IMAGE_UPDATE_AUTOMATION,
            "fleet",
            object -> object.get("status", "lastPushCommit") != null);

    List<RevCommit> log = fleet.log(BRANCH);
    RevCommit pushed = log.get(0);
    assertThat(log).hasSize(2);
    assertThat(pushed.getParent(0).getName()).isEqualTo(start.getName());
    assertThat(pushed.getAuthorIdent().getName()).isEqualTo(BOT);
    assertThat(pushed.getAuthorIdent().getEmailAddress()).isEqualTo(BOT_EMAIL);
    assertThat(pushed.getCommitterIdent().getEmailAddress()).isEqualTo(BOT_EMAIL);
    assertThat(pushed.getFullMessage()).isEqualTo("Update from image update automation");
    assertThat(fleet.read(BRANCH, DEPLOYMENT)).isEqualTo(deployment("1.2.0", "1.0.0"));
    assertThat(fleet.read(BRANCH, VALUES)).isEqualTo(values(IMAGE, "1.2.0"));
    assertThat(fleet.read(BRANCH, OUTSIDE)).isEqualTo(outside("1.0.0"));
    assertThat(automation.<Object>get("status", "lastPushCommit")).isEqualTo(pushed.getName());
    assertThat(automation.<Object>get("status", "observedSourceRevision"))
        .isEqualTo(BRANCH + "@sha1:" + pushed.getName());
    assertThat(automation.<Object>get("status", "observedPolicies"))
        .isEqualTo(Map.of("web", Map.of("name", IMAGE, "tag", "1.2.0")));
    assertThat(automation.<Object>get("status", "lastPushTime")).isNotNull();
    assertThat(automation.<Object>get("status", "lastAutomationRunTime")).isNotNull();
    assertThat(condition(automation, "Ready"))
        .containsEntry("status", "True")
        .containsEntry("reason", "Succeeded")
        .containsEntry("message", "repository up-to-date");
  }

  @Test
  void nothingIsPushedWhenNothingChanged() {
    fleetAt("1.2.0");
    fleet.commit(BRANCH, Map.of(VALUES, values(IMAGE, "1.2.0")), "values at 1.2.0");
    ObjectId tip = fleet.tip(BRANCH);
    resolvedPolicy("1.2.0");

    ImageApi.create(client, automation("1h"));
    runs.await(NS, "fleet", run -> run.result() == AutomationRuns.Result.UP_TO_DATE, WAIT);
    for (int i = 0; i < 2; i++) {
      String request = requestReconcile(ImageApi.IMAGE_UPDATE_AUTOMATION, "fleet");
      runs.await(NS, "fleet", handled(request), WAIT);
    }

    assertThat(fleet.tip(BRANCH)).isEqualTo(tip);
    assertThat(runs.of(NS, "fleet"))
        .extracting(AutomationRuns.Run::result)
        .containsOnly(AutomationRuns.Result.UP_TO_DATE);
    GenericKubernetesResource automation = get(ImageApi.IMAGE_UPDATE_AUTOMATION, "fleet");
    assertThat(automation.<Object>get("status", "lastPushCommit")).isNull();
    assertThat(condition(automation, "Ready")).containsEntry("message", "repository up-to-date");
  }

  @Test
  void aSuspendedAutomationPushesNothingWhateverItIsAskedUntilResumed() {
    ObjectId tip = fleetAt("1.0.0");
    resolvedPolicy("1.0.0", "1.1.0");

    ImageApi.create(client, ImageApi.withSpec(automation("1s"), "suspend", true));
    for (int i = 0; i < 3; i++) {
      String request = requestReconcile(ImageApi.IMAGE_UPDATE_AUTOMATION, "fleet");
      runs.await(NS, "fleet", handled(request), WAIT);
    }

    assertThat(fleet.tip(BRANCH)).isEqualTo(tip);
    assertThat(runs.of(NS, "fleet"))
        .extracting(AutomationRuns.Run::result)
        .containsOnly(AutomationRuns.Result.SUSPENDED);
    // As Flux's controller, it records nothing while suspended, not even the requests.
    assertThat(get(ImageApi.IMAGE_UPDATE_AUTOMATION, "fleet").<Object>get("status")).isNull();

    patch(ImageApi.IMAGE_UPDATE_AUTOMATION, "fleet", Map.of("spec", Map.of("suspend", false)));
    runs.await(NS, "fleet", run -> run.result() == AutomationRuns.Result.PUSHED, WAIT);

    assertThat(fleet.log(BRANCH).get(0).getParent(0)).isEqualTo(tip);
    assertThat(fleet.read(BRANCH, DEPLOYMENT)).isEqualTo(deployment("1.1.0", "1.0.0"));
  }

  @Test
  void aPushThatLostARaceIsReportedAndTheNextRunPushesOnTopOfTheOtherCommit()
      throws InterruptedException {
    fleetAt("1.0.0");
    resolvedPolicy("1.0.0", "1.2.0");
    AtomicInteger pushes = new AtomicInteger();
    AtomicReference<ObjectId> theirs = new AtomicReference<>();
    CountDownLatch seen = new CountDownLatch(1);
    // Someone pushes after the automation cloned: its push no longer fast-forwards the branch. The
    // retry's push waits until the test has seen the failure reported.
    gitServer.onPreReceive(
        (receive, commands) -> {
          if (pushes.incrementAndGet() == 1) {
            theirs.set(
                fleet.commit(
                    BRANCH, Map.of("README.md", "edited by someone else\n"), "edit README"));
          } else {
            awaitQuietly(seen);
          }
        });

    ImageApi.create(client, automation("1h"));
    GenericKubernetesResource failing =
        await(
            ImageApi.IMAGE_UPDATE_AUTOMATION,
            "fleet",
            object -> "GitOperationFailed".equals(condition(object, "Ready").get("reason")));
    seen.countDown();

    assertThat(condition(failing, "Ready"))
        .containsEntry("status", "False")
        .containsEntry(
            "message",
            "failed to update source: command error on refs/heads/" + BRANCH + ": failed to lock");
    assertThat(condition(failing, "Reconciling")).containsEntry("reason", "ProgressingWithRetry");
    assertThat(failing.<Object>get("status", "lastAutomationRunTime")).isNotNull();
    assertThat(failing.<Object>get("status", "lastPushCommit")).isNull();

    AutomationRuns.Run pushed =
        runs.await(NS, "fleet", run -> run.result() == AutomationRuns.Result.PUSHED, WAIT);
    List<RevCommit> log = fleet.log(BRANCH);
    assertThat(log.get(0).getName()).isEqualTo(pushed.detail());
    assertThat(log.get(1).getName())
        .as("the pushed commit's parent")
        .isEqualTo(theirs.get().getName());
    assertThat(log).hasSize(3);
    assertThat(fleet.read(BRANCH, "README.md")).isEqualTo("edited by someone else\n");
    assertThat(fleet.read(BRANCH, DEPLOYMENT)).isEqualTo(deployment("1.2.0", "1.0.0"));
    assertThat(pushes).as("pushes the server received").hasValue(2);
    GenericKubernetesResource automation =
        await(
            ImageApi.IMAGE_UPDATE_AUTOMATION,
            "fleet",
            object -> pushed.detail().equals(object.get("status", "lastPushCommit")));
    assertThat(condition(automation, "Ready")).containsEntry("status", "True");
    assertThat(condition(automation, "Reconciling")).isEmpty();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The fleet's first commit: the web app at {@code tag}, marked, and a marked file outside. */
  private ObjectId fleetAt(String tag) {
    return fleet.commit(
        BRANCH,
        Map.of(
            DEPLOYMENT,
            deployment(tag, tag),
            VALUES,
            values("ghcr.io/acme/old", tag),
            OUTSIDE,
            outside(tag),
            "README.md",
            "the fleet\n"),
        "start the fleet");
  }

  /**
   * ImageRepository and ImagePolicy {@code web}, once the policy has chosen the last of {@code
   * tags}.
   */
  private void resolvedPolicy(String... tags) {
    registry.publish(IMAGE, tags);
    ImageApi.create(client, ImageApi.imageRepository(NS, "web", IMAGE, "1h"));
    ImageApi.create(client, ImageApi.imagePolicy(NS, "web", "web", ImageApi.semver("^1.0.0")));
    await(ImageApi.IMAGE_POLICY, "web", latestTag(tags[tags.length - 1]));
  }

  private static GenericKubernetesResource automation(String interval) {
    return ImageApi.imageUpdateAutomation(
        NS, "fleet", "fleet", BRANCH, "./apps", interval, BOT, BOT_EMAIL);
  }

  private static String deployment(String markedTag, String unmarkedTag) {
    return String.join(
        "\n",
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: web",
        "spec:",
        "  template:",
        "    spec:",
        "      containers:",
        "        - name: web",
        "          image: "
            + IMAGE
            + ":"
            + markedTag
            + " # {\"$imagepolicy\": \"flux-system:web\"}",
        "        - name: copy",
        "          image: " + IMAGE + ":" + unmarkedTag,
        "");
  }

  private static String values(String repository, String tag) {
    return String.join(
        "\n",
        "image:",
        "  repository: " + repository + " # {\"$imagepolicy\": \"flux-system:web:name\"}",
        "  tag: \"" + tag + "\" # {\"$imagepolicy\": \"flux-system:web:tag\"}",
        "");
  }

  private static String outside(String tag) {
    return "image: " + IMAGE + ":" + tag + " # {\"$imagepolicy\": \"flux-system:web\"}\n";
  }

  private static Predicate<AutomationRuns.Run> handled(String request) {
    return run -> run.requestedAt().equals(java.util.Optional.of(request));
  }

  private static Predicate<GenericKubernetesResource> latestTag(String tag) {
    return object -> tag.equals(object.get("status", "latestRef", "tag"));
  }

  private GenericKubernetesResource await(
      String kind, String name, Predicate<GenericKubernetesResource> condition) {
    return AwaitCondition.until(
        ImageApi.resources(client, kind).inNamespace(NS).withName(name),
        object -> object != null && condition.test(object),
        WAIT);
  }

  private GenericKubernetesResource get(String kind, String name) {
    return ImageApi.resources(client, kind).inNamespace(NS).withName(name).get();
  }

  /**
   * Sets a new {@code reconcile.fluxcd.io/requestedAt}, as {@code flux reconcile} does, and returns
   * it.
   */
  private String requestReconcile(String kind, String name) {
    String token = "request-" + ++requests;
    patch(
        kind,
        name,
        Map.of(
            "metadata", Map.of("annotations", Map.of("reconcile.fluxcd.io/requestedAt", token))));
    return token;
  }

  private void patch(String kind, String name, Map<String, Object> patch) {
    ImageApi.resources(client, kind)
        .inNamespace(NS)
        .withName(name)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            client.getKubernetesSerialization().asJson(patch));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> condition(GenericKubernetesResource object, String type) {
    if (object.get("status", "conditions") instanceof List<?> conditions) {
      return conditions.stream()
          .map(condition -> (Map<String, Object>) condition)
          .filter(condition -> Objects.equals(type, condition.get("type")))
          .findFirst()
          .orElse(Map.of());
    }
    return Map.of();
  }
}
