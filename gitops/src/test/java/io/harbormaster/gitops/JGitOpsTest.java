package io.harbormaster.gitops;

import static io.harbormaster.gitops.Fixtures.HELM_RELEASE;
import static io.harbormaster.gitops.Fixtures.HELM_RELEASE_PATH;
import static io.harbormaster.gitops.Fixtures.UPGRADE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.port.GitCommit;
import io.harbormaster.core.port.GitOpsException;
import io.harbormaster.core.port.RevertRequest;
import io.harbormaster.core.port.ValueChange;
import io.harbormaster.core.port.VersionEdit;
import io.harbormaster.gitops.auth.CredentialsSource;
import io.harbormaster.gitops.auth.EnvironmentCredentials;
import io.harbormaster.gitops.auth.HttpsToken;
import io.harbormaster.sandbox.git.BareRepository;
import io.harbormaster.sandbox.git.GitServer;
import io.harbormaster.sandbox.git.RecordingListener;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class JGitOpsTest {
  private static final String TOKEN = "ghp_s3cr3tT0kenThatMustNeverLeak";
  private static final String KUSTOMIZATION_PATH = "apps/cache/kustomization.yaml";
  private static final String KUSTOMIZATION =
      "apiVersion: kustomize.config.k8s.io/v1beta1\r\nkind: Kustomization\r\n"
          + "images:\r\n  - name: redis\r\n    newTag: '7.2.4' # LTS\r\n  - name: exporter\r\n    newTag: v1.55.0\r\n";
  private static final OperationId ROLLBACK =
      OperationId.rollback(ObjectRef.of("db", "pg-15-3-back"));

  @TempDir Path temp;
  private GitServer server;
  private BareRepository remote;
  private String url;

  @BeforeEach
  void startServer() throws Exception {
    server = GitServer.start(temp.resolve("server"), "git", TOKEN);
    remote = server.create("platform.git");
    url = server.url("platform.git");
    remote.commit(
        "main",
        Map.of(
            HELM_RELEASE_PATH,
            HELM_RELEASE,
            KUSTOMIZATION_PATH,
            KUSTOMIZATION,
            "README.md",
            "platform\n"),
        "initial");
  }

  @AfterEach
  void stopServer() throws Exception {
    remote.close();
    server.close();
  }

  @Test
  void commitsAndPushesOverHttpsWithAToken() throws Exception {
    GitCommit commit = adapter("a").commit(upgrade("15.3.0"));

    assertThat(commit.id()).matches("[0-9a-f]{40}").isEqualTo(remote.tip("main").name());
    assertThat(commit.changes())
        .containsExactly(ValueChange.of("spec.chart.spec.version", "15.2.3", "15.3.0"));
    assertThat(remote.read("main", HELM_RELEASE_PATH))
        .isEqualTo(HELM_RELEASE.replace("\"15.2.3\"", "\"15.3.0\""));
    RevCommit pushed = remote.log("main").get(0);
    assertThat(pushed.getFullMessage())
        .isEqualTo(
            """
        chore(db): upgrade postgresql from 15.2.3 to 15.3.0

        Harbormaster-Operation: db/pg-15-3
        Harbormaster-Operation-Kind: upgrade
        Harbormaster-Path: spec.chart.spec.version
        """);
    assertThat(pushed.getAuthorIdent().getName()).isEqualTo("Harbormaster");
    assertThat(pushed.getAuthorIdent().getEmailAddress()).isEqualTo("harbormaster@example.com");
  }

  @Test
  void editsAKustomizationWithCrLfLineEndingsByteForByte() throws Exception {
    GitLocation location = location(KUSTOMIZATION_PATH, "images[name=redis].newTag").build();
    VersionEdit edit =
        VersionEdit.builder()
            .location(location)
            .app("cache")
            .operation(UPGRADE)
            .component("redis")
            .putValue("images[name=redis].newTag", "7.4.1")
            .putValue("images[name=exporter].newTag", "v1.62.0")
            .build();

    GitCommit commit = adapter("a").commit(edit);

    assertThat(remote.read("main", KUSTOMIZATION_PATH))
        .isEqualTo(KUSTOMIZATION.replace("'7.2.4'", "'7.4.1'").replace("v1.55.0", "v1.62.0"));
    assertThat(commit.changes())
        .containsExactly(
            ValueChange.of("images[name=redis].newTag", "7.2.4", "7.4.1"),
            ValueChange.of("images[name=exporter].newTag", "v1.55.0", "v1.62.0"));
    assertThat(remote.log("main").get(0).getShortMessage())
        .isEqualTo("chore(cache): upgrade redis from 7.2.4 to 7.4.1");
  }

  @Test
  void writesTheVersionWhereTheImagePolicyMarkerIs() throws Exception {
    String values =
        "image:\n  repository: ghcr.io/acme/shop\n  tag: 2.0.1 # {\"$imagepolicy\": \"flux-system:shop:tag\"}\n";
    remote.commit("main", Map.of("apps/shop/values.yaml", values), "shop");
    GitLocation location =
        location("apps/shop/values.yaml", "spec.values.image.tag")
            .imagePolicy("flux-system:shop")
            .build();

    GitCommit commit = adapter("a").commit(edit(location, "2.1.0"));

    assertThat(remote.read("main", "apps/shop/values.yaml"))
        .isEqualTo(values.replace("2.0.1", "2.1.0"));
    assertThat(commit.changes())
        .containsExactly(ValueChange.of("spec.values.image.tag", "2.0.1", "2.1.0"));
  }

  @Test
  void previewsWithoutCommitting() throws Exception {
    ObjectId before = remote.tip("main");

    List<ValueChange> changes = adapter("a").preview(upgrade("15.3.0"));

    assertThat(changes)
        .containsExactly(ValueChange.of("spec.chart.spec.version", "15.2.3", "15.3.0"));
    assertThat(remote.tip("main")).isEqualTo(before);
  }

  @Test
  void refusesMissingAmbiguousAndNonScalarPathsAndCommitsNothing() throws Exception {
    remote.commit(
        "main",
        Map.of("twice.yaml", "images:\n- name: pg\n  newTag: 1\n- name: pg\n  newTag: 2\n"),
        "twice");
    ObjectId before = remote.tip("main");
    JGitOps adapter = adapter("a");

    assertThatThrownBy(
            () ->
                adapter.commit(
                    edit(location(HELM_RELEASE_PATH, "spec.chart.spec.versoin").build(), "1")))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining(
            HELM_RELEASE_PATH + ": path 'spec.chart.spec.versoin' does not exist");
    assertThatThrownBy(
            () ->
                adapter.commit(edit(location("twice.yaml", "images[name=pg].newTag").build(), "3")))
        .hasMessageContaining("twice.yaml: path 'images[name=pg].newTag' is ambiguous");
    assertThatThrownBy(
            () ->
                adapter.commit(edit(location(HELM_RELEASE_PATH, "spec.values.image").build(), "3")))
        .hasMessageContaining(HELM_RELEASE_PATH + ": path 'spec.values.image' points at a map");
    assertThatThrownBy(() -> adapter.commit(edit(location("absent.yaml", "version").build(), "3")))
        .hasMessageContaining("absent.yaml does not exist on branch 'main'");
    assertThat(remote.tip("main")).isEqualTo(before);
  }

  @Test
  void returnsTheSameCommitWhenCalledAgainAfterACrash() throws Exception {
    GitCommit first = adapter("a").commit(upgrade("15.3.0"));
    int commits = remote.log("main").size();

    GitCommit again = adapter("restarted").commit(upgrade("15.3.0"));

    assertThat(again).isEqualTo(first);
    assertThat(remote.log("main")).hasSize(commits);
    assertThat(adapter("other").findCommit(upgrade("15.3.0").location(), UPGRADE)).contains(first);
  }

  @Test
  void findsNoCommitForAnOperationThatMadeNone() {
    assertThat(adapter("a").findCommit(upgrade("15.3.0").location(), UPGRADE)).isEmpty();
  }

  @Test
  void buildsAgainOnTheNewTipWhenThePushIsRejected() throws Exception {
    AtomicInteger pushes = new AtomicInteger();
    server.onPreReceive(
        (receive, commands) -> {
          if (pushes.incrementAndGet() == 1) {
            moveBranch(Map.of("README.md", "someone else's change\n"));
            commands.forEach(c -> c.setResult(ReceiveCommand.Result.REJECTED_NONFASTFORWARD));
          }
        });

    GitCommit commit = adapter("a").commit(upgrade("15.3.0"));

    assertThat(pushes).hasValue(2);
    List<RevCommit> log = remote.log("main");
    assertThat(log.get(0).name()).isEqualTo(commit.id());
    assertThat(log.get(1).getShortMessage()).isEqualTo("someone else");
    assertThat(remote.read("main", "README.md")).isEqualTo("someone else's change\n");
    assertThat(remote.read("main", HELM_RELEASE_PATH)).contains("version: \"15.3.0\" # pinned");
  }

  @Test
  void refusesWhenSomeoneElseSetTheSameValueToSomethingElse() throws Exception {
    server.onPreReceive(
        (receive, commands) -> {
          moveBranch(Map.of(HELM_RELEASE_PATH, HELM_RELEASE.replace("15.2.3", "16.0.0")));
          commands.forEach(c -> c.setResult(ReceiveCommand.Result.REJECTED_NONFASTFORWARD));
          server.onPreReceive((rp, cmds) -> {});
        });

    assertThatThrownBy(() -> adapter("a").commit(upgrade("15.3.0")))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining(
            "path 'spec.chart.spec.version' changed on branch 'main' from '15.2.3' to '16.0.0'");
    assertThat(remote.log("main").get(0).getShortMessage()).isEqualTo("someone else");
  }

  @Test
  void refusesAPathThatNoLongerHoldsTheValueTheOperationWasPlannedOn() throws Exception {
    moveBranch(Map.of(HELM_RELEASE_PATH, HELM_RELEASE.replace("15.2.3", "15.2.9")));
    VersionEdit planned =
        VersionEdit.builder()
            .from(upgrade("15.3.0"))
            .putExpected("spec.chart.spec.version", "15.2.3")
            .build();

    assertThatThrownBy(() -> adapter("a").commit(planned))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining(
            "path 'spec.chart.spec.version' holds '15.2.9' on branch 'main', not '15.2.3'")
        .hasMessageContaining("nothing was committed");
    assertThat(remote.log("main").get(0).getShortMessage()).isEqualTo("someone else");
    assertThat(remote.read("main", HELM_RELEASE_PATH)).contains("15.2.9");
  }

  @Test
  void twoWritersCommitConcurrentlyWithoutLosingEitherCommit() throws Exception {
    VersionEdit db = upgrade("15.3.0");
    VersionEdit cache =
        VersionEdit.builder()
            .location(location(KUSTOMIZATION_PATH, "images[name=redis].newTag").build())
            .app("cache")
            .component("redis")
            .operation(OperationId.upgrade(ObjectRef.of("cache", "redis-7-4")))
            .putValue("images[name=redis].newTag", "7.4.1")
            .build();
    JGitOps first = adapter("first");
    JGitOps second = adapter("second");
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<GitCommit> a =
          pool.submit(
              () -> {
                start.await();
                return first.commit(db);
              });
      Future<GitCommit> b =
          pool.submit(
              () -> {
                start.await();
                return second.commit(cache);
              });

      List<String> ids =
          List.of(a.get(60, TimeUnit.SECONDS).id(), b.get(60, TimeUnit.SECONDS).id());

      // either may win the race; the loser builds again on the winner's commit
      assertThat(remote.log("main").subList(0, 2))
          .extracting(RevCommit::name)
          .containsExactlyInAnyOrderElementsOf(ids);
    } finally {
      pool.shutdownNow();
    }
    assertThat(remote.read("main", HELM_RELEASE_PATH)).contains("\"15.3.0\"");
    assertThat(remote.read("main", KUSTOMIZATION_PATH)).contains("'7.4.1'");
  }

  @Test
  void anAuthenticationFailureNamesNoSecret() {
    String wrong = "glpat-wrongButStillSecret42";
    JGitOps adapter = adapter("a", location -> Optional.of(token(wrong)));

    assertThatThrownBy(() -> adapter.commit(upgrade("15.3.0")))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining("platform.git")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(TOKEN))
        .hasNoCause();
  }

  @Test
  void aLaterCommitContainsOursButNotTheOtherWayRound() throws Exception {
    JGitOps adapter = adapter("a");
    String ours = adapter.commit(upgrade("15.3.0")).id();
    remote.commit("main", Map.of("unrelated.yaml", "someone: else\n"), "someone else");
    String later = remote.tip("main").name();

    assertThat(adapter.contains(upgrade("x").location(), later, ours)).isTrue();
    assertThat(adapter.contains(upgrade("x").location(), ours, ours)).isTrue();
    assertThat(adapter.contains(upgrade("x").location(), ours, later)).isFalse();
    assertThat(adapter.contains(upgrade("x").location(), "f".repeat(40), ours)).isFalse();
  }

  @Test
  void aServerThatDoesNotAnswerIsWorthRetryingUnlikeARefusal() {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    GitLocation location =
        GitLocation.builder()
            .repository("https://127.0.0.1:1/git/platform.git")
            .filePath(HELM_RELEASE_PATH)
            .versionPath("spec.chart.spec.version")
            .build();

    assertThatThrownBy(() -> adapter("a").findCommit(location, UPGRADE))
        .isInstanceOf(io.harbormaster.gitops.repo.GitUnavailableException.class)
        .hasMessageContaining("cannot fetch branch 'main'");
  }

  @Test
  @Timeout(
      value = 60,
      unit = TimeUnit.SECONDS) // a guard: without the network timeout the fetch waits forever
  void aServerThatAcceptsButNeverAnswersTimesOutAsUnavailable() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      GitLocation location =
          GitLocation.builder()
              .repository("http://127.0.0.1:" + silent.getLocalPort() + "/git/platform.git")
              .filePath(HELM_RELEASE_PATH)
              .versionPath("spec.chart.spec.version")
              .build();
      GitOpsSettings settings =
          GitOpsSettings.builder()
              .workDirectory(temp.resolve("work-silent"))
              .authorName("Harbormaster")
              .authorEmail("harbormaster@example.com")
              .networkTimeout(Duration.ofSeconds(1))
              .build();

      assertThatThrownBy(
              () ->
                  new JGitOps(settings, credentials -> Optional.empty())
                      .findCommit(location, UPGRADE))
          .isInstanceOf(io.harbormaster.gitops.repo.GitUnavailableException.class)
          .hasMessageContaining("cannot fetch branch 'main'")
          .hasMessageContaining("timed out");
    }
  }

  @Test
  void aNetworkTimeoutUnderASecondIsRefusedByName() {
    assertThatThrownBy(
            () ->
                GitOpsSettings.builder()
                    .workDirectory(temp)
                    .authorName("hm")
                    .authorEmail("hm@localhost")
                    .networkTimeout(Duration.ofMillis(500))
                    .build())
        .hasMessageContaining("git.networkTimeout");
  }

  @Test
  void aServerMessageQuotingTheUrlWithTheTokenIsRedacted() {
    String userInfoUrl = url.replace("https://", "https://git:url-secret-99@");
    server.onPreReceive(
        (receive, commands) ->
            commands.forEach(
                command ->
                    command.setResult(
                        ReceiveCommand.Result.REJECTED_OTHER_REASON,
                        "policy refuses " + userInfoUrl + " for " + TOKEN)));

    assertThatThrownBy(() -> adapter("a").commit(upgrade("15.3.0")))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining(
            "the server refused the push to branch 'main': policy refuses https://***@127.0.0.1:")
        .satisfies(
            e -> assertThat(e.getMessage()).doesNotContain("url-secret-99").doesNotContain(TOKEN))
        .hasNoCause();
  }

  @Test
  void credentialsAreNeverSentOverPlainHttpOrGit() {
    EnvironmentCredentials fromEnvironment =
        new EnvironmentCredentials(Map.of("HM_GIT_TOKEN", TOKEN));
    try (RecordingListener listener = RecordingListener.start()) {
      for (String scheme : List.of("http", "git")) {
        GitLocation location =
            location(HELM_RELEASE_PATH, "spec.chart.spec.version")
                .repository(listener.url(scheme))
                .build();

        assertThatThrownBy(() -> adapter("a", fromEnvironment).findCommit(location, UPGRADE))
            .isInstanceOf(InvalidSpecException.class)
            .hasMessageStartingWith("spec.git.repository: is a " + scheme + " URL")
            .hasMessageEndingWith("use the repository's https:// or ssh:// URL");
      }
      assertThat(listener.heard()).as("what the listener was sent").isEmpty();

      // Without credentials the same URL is tried: the listener would have heard a request.
      GitLocation anonymous =
          location(HELM_RELEASE_PATH, "spec.chart.spec.version")
              .repository(listener.url("http"))
              .build();
      assertThatThrownBy(
              () -> adapter("b", CredentialsSource.anonymous()).findCommit(anonymous, UPGRADE))
          .isInstanceOf(RuntimeException.class);
      assertThat(listener.heard())
          .isNotEmpty()
          .allSatisfy(request -> assertThat(request).startsWith("GET /fleet.git/info/refs"));
    }
  }

  @Test
  void revertsAnUpgradeWithAPlainRevert() throws Exception {
    JGitOps adapter = adapter("a");
    GitCommit upgrade = adapter.commit(upgrade("15.3.0"));
    ObjectId tipBeforePreview = remote.tip("main");

    assertThat(adapter.previewRevert(revertOf(upgrade)))
        .containsExactly(ValueChange.of("spec.chart.spec.version", "15.3.0", "15.2.3"));
    assertThat(remote.tip("main")).as("a preview pushes nothing").isEqualTo(tipBeforePreview);
    GitCommit revert = adapter.revert(revertOf(upgrade));

    assertThat(adapter.previewRevert(revertOf(upgrade)))
        .as("once made, the revert's own changes")
        .isEqualTo(revert.changes());
    assertThat(remote.read("main", HELM_RELEASE_PATH)).isEqualTo(HELM_RELEASE);
    assertThat(revert.changes())
        .containsExactly(ValueChange.of("spec.chart.spec.version", "15.3.0", "15.2.3"));
    assertThat(remote.log("main").get(0).getFullMessage())
        .isEqualTo(
            "chore(db): roll back postgresql to "
                + "15.2.3\n\nThis reverts commit "
                + upgrade.id()
                + ".\n\nHarbormaster-Operation: db/pg-15-3-back\n"
                + "Harbormaster-Operation-Kind: rollback\nHarbormaster-Path: spec.chart.spec.version\n");
    assertThat(adapter("restarted").revert(revertOf(upgrade))).isEqualTo(revert);
    assertThat(remote.log("main").get(0).name()).isEqualTo(revert.id());
  }

  @Test
  void restoresThePreviousValueWhenTheFileMovedOn() throws Exception {
    JGitOps adapter = adapter("a");
    GitCommit upgrade = adapter.commit(upgrade("15.3.0"));
    String movedOn = HELM_RELEASE.replace("\"15.2.3\" # pinned", "\"15.3.0\" # pinned, see INC-42");
    remote.commit("main", Map.of(HELM_RELEASE_PATH, movedOn), "someone else");

    GitCommit revert = adapter.revert(revertOf(upgrade));

    assertThat(remote.read("main", HELM_RELEASE_PATH))
        .isEqualTo(movedOn.replace("15.3.0", "15.2.3"));
    assertThat(revert.changes())
        .containsExactly(ValueChange.of("spec.chart.spec.version", "15.3.0", "15.2.3"));
    String message = remote.log("main").get(0).getFullMessage();
    assertThat(message)
        .startsWith(
            "chore(db): roll back postgresql to 15.2.3\n\n"
                + HELM_RELEASE_PATH
                + " moved on since "
                + upgrade.id()
                + ", so a plain revert would conflict;");
    assertThat(adapter.findCommit(upgrade("x").location(), ROLLBACK)).contains(revert);
  }

  @Test
  void refusesToRollBackOverALaterChangeOfTheSameValue() throws Exception {
    JGitOps adapter = adapter("a");
    GitCommit upgrade = adapter.commit(upgrade("15.3.0"));
    remote.commit(
        "main",
        Map.of(HELM_RELEASE_PATH, HELM_RELEASE.replace("\"15.2.3\" # pinned", "\"16.1.0\" # new")),
        "someone else");

    assertThatThrownBy(() -> adapter.previewRevert(revertOf(upgrade)))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining("path 'spec.chart.spec.version' is now '16.1.0'");
    assertThatThrownBy(() -> adapter.revert(revertOf(upgrade)))
        .hasMessageContaining("path 'spec.chart.spec.version' is now '16.1.0'");
  }

  @Test
  void refusesToRevertARollback() throws Exception {
    JGitOps adapter = adapter("a");
    GitCommit rollback = adapter.revert(revertOf(adapter.commit(upgrade("15.3.0"))));
    RevertRequest again =
        RevertRequest.builder()
            .from(revertOf(rollback))
            .operation(OperationId.rollback(ObjectRef.of("db", "undo-the-undo")))
            .build();

    assertThatThrownBy(() -> adapter.revert(again))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining("commit " + rollback.id() + " is itself a Harbormaster rollback");
  }

  @Test
  void worksInARepositoryOfThousandsOfFiles() throws Exception {
    Map<String, String> files = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      files.put("services/svc-" + (i % 50) + "/config-" + i + ".yaml", "id: " + i + "\n");
    }
    remote.commit("main", files, "lots of files");

    GitCommit commit = adapter("a").commit(upgrade("15.3.0"));

    assertThat(remote.tip("main").name()).isEqualTo(commit.id());
    assertThat(remote.read("main", "services/svc-7/config-2957.yaml")).isEqualTo("id: 2957\n");
    assertThat(remote.read("main", HELM_RELEASE_PATH)).contains("\"15.3.0\"");
  }

  private void moveBranch(Map<String, String> files) {
    remote.commit("main", files, "someone else");
  }

  private JGitOps adapter(String name) {
    return adapter(name, location -> Optional.of(token(TOKEN)));
  }

  /** The token, trusting the server's private CA as a Secret's ca.crt does. */
  private HttpsToken token(String token) {
    return HttpsToken.builder().token(token).caCertificate(server.caCertificate()).build();
  }

  private JGitOps adapter(String name, CredentialsSource credentials) {
    return Fixtures.adapter(temp.resolve("work-" + name), credentials);
  }

  private io.harbormaster.core.model.ImmutableGitLocation.Builder location(
      String file, String versionPath) {
    return GitLocation.builder().repository(url).filePath(file).versionPath(versionPath);
  }

  private VersionEdit upgrade(String version) {
    return Fixtures.upgrade(url, version);
  }

  private static VersionEdit edit(GitLocation location, String version) {
    return VersionEdit.builder()
        .location(location)
        .app("shop")
        .operation(UPGRADE)
        .component("shop")
        .putValue(location.versionPath(), version)
        .build();
  }

  private RevertRequest revertOf(GitCommit commit) {
    return RevertRequest.builder()
        .location(upgrade("x").location())
        .app("db")
        .operation(ROLLBACK)
        .commitId(commit.id())
        .build();
  }
}
