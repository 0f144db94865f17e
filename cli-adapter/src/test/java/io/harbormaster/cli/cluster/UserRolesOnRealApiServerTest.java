package io.harbormaster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.cli.cluster.ClusterPeople.Person;
import io.harbormaster.cli.cluster.HmOnSandbox.Result;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import io.harbormaster.sandbox.apiserver.AuditLog;
import io.harbormaster.sandbox.apiserver.RealApiServer;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.harbormaster.testkit.HarbormasterSandbox;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ClusterRoles of deploy/ that people are bound to, on a real kube-apiserver with RBAC: each
 * person is a ServiceAccount in namespace apps running hm with its own token. harbormaster-edit
 * bound in apps lets one upgrade there and nowhere else; harbormaster-view lets one look but not
 * create; harbormaster-local lets one run {@code --local} operations, and allows exactly what they
 * call. A refusal is one line saying forbidden, with exit code 4. Aggregation into view/edit/admin
 * needs the controller-manager, which this server lacks: the roles are bound directly.
 */
class UserRolesOnRealApiServerTest {
  private static final String VIEW = "harbormaster-view";
  private static final String EDIT = "harbormaster-edit";
  private static final String LOCAL = "harbormaster-local";

  /**
   * Rules of harbormaster-local the local runs below may not reach, each with why it is still
   * needed.
   */
  private static final Set<String> LOCAL_RULES_NEEDED_OUTSIDE_THE_RUN =
      Set.of(
          // A HelmRelease without history: discovery lists the release secrets to find the newest.
          "core secrets list",
          // Snapshot retention deletes the snapshots of older upgrades (the runs keep the default
          // 5).
          "snapshot.storage.k8s.io volumesnapshots delete",
          // A restored PVC still Pending: is its class WaitForFirstConsumer? A run sees it only
          // when it looks before the binder has bound the new claim; a claim naming its class is a
          // get, one on the default class a list (the sample's claims name none).
          "storage.k8s.io storageclasses get",
          "storage.k8s.io storageclasses list",
          // Handing a stopped local run to an operator: kubectl annotate <request>
          // harbormaster.io/driven-by-
          "harbormaster.io upgraderequests patch",
          "harbormaster.io rollbackrequests patch",
          // Kustomizations applying from an OCI artifact or a bucket: the sample apps' come from
          // git.
          "source.toolkit.fluxcd.io ocirepositories get",
          "source.toolkit.fluxcd.io ocirepositories patch",
          "source.toolkit.fluxcd.io buckets get",
          "source.toolkit.fluxcd.io buckets patch",
          // An app whose file an image automation writes: the run holds it suspended (no
          // automation writes the sample apps' files here; the operator's RbacTest has one).
          "image.toolkit.fluxcd.io imageupdateautomations get",
          "image.toolkit.fluxcd.io imageupdateautomations patch");

  @TempDir static Path work;
  private static HarbormasterSandbox harbormaster;
  private static ClusterPeople people;
  private static RealApiServer server;

  /** Bound to harbormaster-edit in apps. */
  private static Person alice;

  /** Bound to harbormaster-view in apps. */
  private static Person bob;

  /**
   * Bound to harbormaster-view in apps, db and flux-system: where the sample apps and their Flux
   * objects live.
   */
  private static Person dave;

  /** Bound to harbormaster-local cluster-wide. */
  private static Person carol;

  @BeforeAll
  static void start() {
    harbormaster =
        HarbormasterSandbox.startInTemporaryFolder(
            Set.of(HarbormasterSandbox.BROKEN_TAG), ApiServerKind.REAL);
    server = harbormaster.sandbox().apiServer().real().orElseThrow();
    KubernetesClient admin = harbormaster.client();
    people = new ClusterPeople(admin, server, work);
    List.of(VIEW, EDIT, LOCAL).forEach(people::install);
    List.of("apps", "db").forEach(people::namespace);
    // Bound before the apps are installed, which takes seconds: the API server's RBAC cache has
    // long seen the bindings when hm first runs.
    alice = people.person("apps", "alice");
    people.bind(alice, EDIT, "apps");
    bob = people.person("apps", "bob");
    people.bind(bob, VIEW, "apps");
    dave = people.person("apps", "dave");
    List.of("apps", "db", SandboxCluster.FLUX_NAMESPACE)
        .forEach(namespace -> people.bind(dave, VIEW, namespace));
    carol = people.person("apps", "carol");
    people.bindClusterWide(carol, LOCAL);
    harbormaster.web("1.0.0", "1m");
    harbormaster.postgres("1.0.0", 1, "1m");
    harbormaster.upgrade("apps", "by-admin", "web", "1.1.0");
  }

  @AfterAll
  static void stop() {
    if (people != null) {
      people.close();
    }
    if (harbormaster != null) {
      harbormaster.close();
    }
  }

  @Test
  void anEditorListsAppsCreatesRequestsAndFollowsThemInItsNamespace() {
    Result apps = hm(alice, "apps", "-n", "apps");
    assertThat(apps.code()).as(apps.toString()).isZero();
    assertThat(apps.out()).contains("web");

    Result upgrade =
        hm(alice, "upgrade", "web", "--to", "1.1.0", "-n", "apps", "--name", "alice-1-1");
    assertThat(upgrade.code()).as(upgrade.toString()).isZero();
    assertThat(upgrade.out()).isEqualTo("upgraderequest.harbormaster.io/alice-1-1 created\n");
    assertThat(upgrades().withName("alice-1-1").get().getSpec().target().version())
        .isEqualTo("1.1.0");

    Result status = hm(alice, "status", "alice-1-1", "-n", "apps");
    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.out()).contains("apps/alice-1-1", "UpgradeRequest");

    // Following a request watches it: allowed, so the wait ends by its timeout (no operator runs
    // here).
    Result watch = hm(alice, "status", "alice-1-1", "-n", "apps", "--watch", "--timeout", "1s");
    assertThat(watch.code()).as(watch.toString()).isEqualTo(ExitCodes.TIMEOUT);

    Result rollback = hm(alice, "rollback", "alice-1-1", "-n", "apps", "--name", "alice-undo");
    assertThat(rollback.code()).as(rollback.toString()).isZero();
    assertThat(rollback.out()).isEqualTo("rollbackrequest.harbormaster.io/alice-undo created\n");

    try (KubernetesClient asAlice = client(alice)) {
      asAlice.resources(RollbackRequest.class).inNamespace("apps").withName("alice-undo").delete();
    }
    assertThat(
            harbormaster
                .client()
                .resources(RollbackRequest.class)
                .inNamespace("apps")
                .withName("alice-undo")
                .get())
        .isNull();
  }

  @Test
  void anEditorIsRefusedInOneLineOutsideItsNamespace() {
    refused(hm(alice, "apps", "-n", "db"), "cannot list resource \"managedapps\"");
    refused(hm(alice, "apps", "-A"), "cannot list resource \"managedapps\"");
    refused(
        hm(alice, "upgrade", "postgres", "--to", "1.1.0", "-n", "db", "--name", "alice-db"),
        "cannot get resource \"managedapps\"");
    assertThat(
            harbormaster
                .client()
                .resources(UpgradeRequest.class)
                .inNamespace("db")
                .withName("alice-db")
                .get())
        .isNull();
  }

  @Test
  void aViewerReadsAppsAndRequestsButCreatesNone() {
    Result apps = hm(bob, "apps");
    assertThat(apps.code()).as(apps.toString()).isZero();
    assertThat(apps.out()).contains("web");
    Result status = hm(bob, "status", "by-admin");
    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.out()).contains("apps/by-admin");

    refused(
        hm(bob, "upgrade", "web", "--to", "1.1.0", "--name", "bob-1-1"),
        "cannot create resource \"upgraderequests\"");
    refused(
        hm(bob, "rollback", "by-admin", "--name", "bob-undo"),
        "cannot create resource \"rollbackrequests\"");
    assertThat(upgrades().withName("bob-1-1").get()).isNull();
    refused(hm(bob, "apps", "-n", "db"), "cannot list resource \"managedapps\"");
  }

  @Test
  void discoverReadsTheAppsFluxObjectInItsOwnNamespace() {
    // bob may view apps only; the web app's Kustomization is in flux-system.
    refused(hm(bob, "discover", "web"), "cannot get resource \"kustomizations\"");

    Result discover = hm(dave, "discover", "web");
    assertThat(discover.code()).as(discover.toString()).isZero();
    assertThat(discover.out())
        .contains(
            "Deployment              apps        web", "PersistentVolumeClaim   apps        data")
        .as("the image automations of apps and flux-system, and their GitRepositories, readable")
        .doesNotContain("not judged");
  }

  @Test
  void discoverOfAHelmReleaseWithoutInventoryReadsItsReleaseSecretWhichViewDoesNotGrant() {
    refused(hm(dave, "discover", "postgres", "-n", "db"), "cannot get resource \"secrets\"");
  }

  @Test
  void anEditorsLocalRunIsRefusedBeforeItStopsAnything() {
    Result local = hmLocal(alice, "upgrade", "web", "--to", "1.2.0", "--name", "alice-local");

    // The request is created (edit allows that) before its first status write is refused.
    refusedInOneLine(local, "cannot patch resource \"upgraderequests/status\"");
    assertThat(harbormaster.sandbox().suspended("web")).isFalse();
    assertThat(
            harbormaster
                .client()
                .apps()
                .deployments()
                .inNamespace("apps")
                .withName("web")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(1);
  }

  @Test
  void harbormasterLocalAllowsExactlyTheCallsOfLocalRuns() {
    AuditLog audit = server.auditFromNow();

    Result upgrade = hmLocal(carol, "upgrade", "web", "--to", "2.0.0", "--name", "carol-2-0");
    assertThat(upgrade.code()).as(upgrade.toString()).isZero();
    Result rollback = hmLocal(carol, "rollback", "carol-2-0", "--name", "carol-undo");
    assertThat(rollback.code()).as(rollback.toString()).isZero();
    Result helm =
        hmLocal(carol, "upgrade", "postgres", "-n", "db", "--to", "1.1.0", "--name", "carol-db");
    assertThat(helm.code()).as(helm.toString()).isZero();

    List<AuditLog.Request> calls = audit.requestsOf(carol.username());
    assertThat(calls).as("carol's calls").isNotEmpty();
    // A watch the role refuses does not fail a run (it would only wake later): the audit log tells.
    assertThat(
            calls.stream()
                .filter(call -> call.code() == 403)
                .map(AuditLog.Request::rule)
                .distinct())
        .as("calls the server refused")
        .isEmpty();
    Set<String> used =
        calls.stream().map(AuditLog.Request::rule).collect(Collectors.toCollection(TreeSet::new));
    Set<String> allowed = ClusterPeople.rules(LOCAL);
    Set<String> unused = new TreeSet<>(allowed);
    unused.removeAll(used);
    assertThat(unused).as("rules no call needs").isSubsetOf(LOCAL_RULES_NEEDED_OUTSIDE_THE_RUN);
  }

  private static NonNamespaceOperation<UpgradeRequest, ?, Resource<UpgradeRequest>> upgrades() {
    return harbormaster.client().resources(UpgradeRequest.class).inNamespace("apps");
  }

  /** Refused before anything was done: nothing on stdout. */
  private static void refused(Result result, String what) {
    refusedInOneLine(result, what);
    assertThat(result.out()).as(result.toString()).isEmpty();
  }

  /**
   * A refusal reaches the user as one line saying what was forbidden, exit code 4, no stack trace.
   */
  private static void refusedInOneLine(Result result, String what) {
    assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(result.err())
        .as(result.toString())
        .startsWith("error: ")
        .contains("forbidden", what)
        .doesNotContain("Exception", "\tat ")
        .hasLineCount(1);
  }

  private static Result hm(Person person, String... args) {
    return HmOnSandbox.hmWith(person.kubeconfig(), args);
  }

  private static Result hmLocal(Person person, String... args) {
    String[] local = {"--local", "--git-workdir", work.resolve("git-" + person.name()).toString()};
    return hm(
        person, Stream.concat(Arrays.stream(args), Arrays.stream(local)).toArray(String[]::new));
  }

  private static KubernetesClient client(Person person) {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(null, person.kubeconfig().toFile()))
        .build();
  }
}
