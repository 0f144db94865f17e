package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.DB;
import static io.harbormaster.operator.FleetApps.DB_NAMESPACE;
import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.harbormaster.operator.deploy.ClusterRoleRules;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import io.harbormaster.sandbox.apiserver.AuditLog;
import io.harbormaster.sandbox.apiserver.RealApiServer;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.harbormaster.sandbox.imageautomation.ImageApi;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ClusterRoles in deploy/ (the operator's own and harbormaster-app, which it holds in this
 * mode) are least privilege: it allows every call the operator makes in an upgrade, a failed
 * upgrade with its rollback (holding the image automation that writes the app's file), a Helm app's
 * upgrade and a StoragePolicy's growth of a PVC, and nothing those calls do not need, so taking any
 * verb away makes one of those calls fail. On the mock the calls are recorded at the server, told
 * apart from the sandbox's by the operator's User-Agent; on the real server the operator runs as
 * deploy/'s ServiceAccount under deploy/'s roles and the audit log says what it called and that
 * nothing was refused.
 */
@Tag("both-api-servers")
class RbacTest {
  private static final Duration OPERATION = Duration.ofSeconds(90);

  /** Rules a run may not reach, each with why it is still needed. */
  private static final Set<String> NEEDED_OUTSIDE_THE_RUN =
      Set.of(
          // A HelmRelease without history: discovery lists the release secrets to find the newest.
          "core secrets list",
          // Snapshot retention deletes the snapshots of older upgrades (the run keeps the default
          // 5).
          "snapshot.storage.k8s.io volumesnapshots delete",
          // A restored PVC still Pending, or a sized PVC, of the default class (one without
          // storageClassName): the run's restored claims are bound before they are looked at, and
          // its sized claim names its class (a get).
          "storage.k8s.io storageclasses list",
          // Kustomizations applying from an OCI artifact or a bucket: the sample apps' come from
          // git.
          "source.toolkit.fluxcd.io ocirepositories get",
          "source.toolkit.fluxcd.io ocirepositories patch",
          "source.toolkit.fluxcd.io buckets get",
          "source.toolkit.fluxcd.io buckets patch",
          // Releasing the image automations a rollback held (hm resume-automation,
          // spec.imageAutomation: resumeAfterRollback) reads and narrows the app's ImagePolicy:
          // ImageAutomationBesideUpgradesTest does it under these roles on the real server.
          "image.toolkit.fluxcd.io imagepolicies get",
          "image.toolkit.fluxcd.io imagepolicies patch");

  @TempDir Path work;

  @Test
  void theClusterRolesAllowExactlyTheCallsTheOperatorMakes() throws InterruptedException {
    Set<String> used = new TreeSet<>();
    // From before the operator starts: its informers' first lists are calls the role must allow
    // too.
    Optional<AuditLog> audit =
        ApiServerKind.fromSystemProperties() == ApiServerKind.REAL
            ? Optional.of(RealApiServer.shared().auditFromNow())
            : Optional.empty();
    try (OperatorCluster cluster = new OperatorCluster(work)) {
      FleetApps apps = new FleetApps(cluster);
      Requests requests = new Requests(cluster.client);
      // The broken upgrade waits out its health check: short, as the rollback's healthy rollout
      // takes well under a second.
      apps.web("1.0.0", "5s", true);
      // An image automation writing the web app's file: the upgrade holds it suspended.
      ImageApi.create(
          cluster.client,
          ImageApi.imageUpdateAutomation(
              OperatorCluster.FLUX_NAMESPACE,
              "web-images",
              SandboxCluster.FLEET,
              OperatorCluster.BRANCH,
              "./apps/web",
              "1h",
              "Flux",
              "flux@example.com"));
      apps.postgres("1.0.0", 1);
      // A StoragePolicy grows a PVC of the db namespace, its usage read through the node proxy.
      SizedVolumes volumes = new SizedVolumes(cluster, DB_NAMESPACE);
      volumes.sized("sized-0", 9 * SizedVolumes.GI);
      volumes.policy("sized", SizedVolumes.spec("20Gi", null, 4, 1));
      requests.upgrade(WEB_NAMESPACE, "to-broken", WEB, OperatorCluster.BROKEN_TAG, false, false);
      requests.upgrade(DB_NAMESPACE, "to-1-1", DB, "1.1.0", false, false);
      await(requests.upgrade(DB_NAMESPACE, "to-1-1"), finished(), OPERATION);
      await(requests.rollback(WEB_NAMESPACE, "to-broken-rollback"), finished(), OPERATION);
      volumes.awaitCapacity("sized-0", 12 * SizedVolumes.GI);
      cluster.stopOperator();
      Optional<KubernetesMockServer> mock = cluster.sandbox.apiServer().mock();
      if (mock.isPresent()) {
        for (RecordedRequest request;
            (request = mock.get().takeRequest(0, TimeUnit.SECONDS)) != null; ) {
          if (OperatorCluster.OPERATOR_USER_AGENT.equals(request.getHeader("User-Agent"))) {
            ApiCall.of(request.getMethod(), URI.create(request.getPath()))
                .ifPresent(call -> used.add(call.rule()));
          }
        }
      } else {
        List<AuditLog.Request> calls =
            audit.orElseThrow().requestsOf(OperatorCluster.OPERATOR_USER);
        assertThat(calls).as("the operator's calls in the audit log").isNotEmpty();
        assertThat(calls)
            .filteredOn(call -> !call.allowed())
            .as("calls the server refused")
            .isEmpty();
        calls.forEach(call -> used.add(call.rule()));
      }
    }
    Set<String> allowed = new TreeSet<>(ClusterRoleRules.of("clusterrole.yaml"));
    allowed.addAll(ClusterRoleRules.of("app-clusterrole.yaml"));

    assertThat(used).as("calls the ClusterRoles do not allow").isSubsetOf(allowed);
    Set<String> unused = new TreeSet<>(allowed);
    unused.removeAll(used);
    assertThat(unused).as("rules no call needs").isSubsetOf(NEEDED_OUTSIDE_THE_RUN);
  }
}
