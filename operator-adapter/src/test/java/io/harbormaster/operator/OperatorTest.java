package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.WAIT;
import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.OperatorCluster.BRANCH;
import static io.harbormaster.operator.OperatorCluster.BROKEN_TAG;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.condition;
import static io.harbormaster.operator.Requests.inPhase;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.sandbox.await.AwaitCondition;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests that are refused, only planned, or wait for another on the same app. */
@Tag("both-api-servers")
class OperatorTest {
  @TempDir Path work;
  private OperatorCluster cluster;
  private FleetApps apps;
  private Requests requests;

  @BeforeEach
  void start() throws Exception {
    cluster = new OperatorCluster(work);
    apps = new FleetApps(cluster);
    requests = new Requests(cluster.client);
    apps.web("1.0.0", "1m", false);
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Test
  void anInvalidSpecIsRejectedWithAMessageNamingTheField() {
    // A target with neither a version nor image tags: the CRD's schema cannot say "one of them", so
    // the API server stores it and the operator refuses it (a version the schema refuses never gets
    // that far).
    requests.upgrade(WEB_NAMESPACE, "bad", WEB, null, false, false);

    UpgradeRequest rejected =
        await(
            requests.upgrade(WEB_NAMESPACE, "bad"), r -> condition(r, "Failed").isPresent(), WAIT);

    Condition failed = condition(rejected, "Failed").orElseThrow();
    assertThat(failed.getReason()).isEqualTo("InvalidSpec");
    assertThat(failed.getMessage())
        .startsWith("spec.target: names neither a version nor an image tag");
    assertThat(rejected.getStatus().phase()).isNull();
    assertThat(rejected.getMetadata().getFinalizers()).isEmpty();
  }

  @Test
  void aDryRunPlansChangesNothingAndKeepsNoFinalizer() {
    ObjectId before = cluster.git.tip(BRANCH);
    requests.upgrade(WEB_NAMESPACE, "plan", WEB, "2.0.0", true, false);

    UpgradeRequest done =
        await(requests.upgrade(WEB_NAMESPACE, "plan"), inPhase("Completed"), WAIT);

    assertThat(done.getStatus().message()).startsWith("dry run, nothing changed");
    assertThat(done.getStatus().versionChanges())
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.from()).isEqualTo("1.0.0");
              assertThat(change.to()).isEqualTo("2.0.0");
            });
    assertThat(done.getMetadata().getFinalizers()).isEmpty();
    assertThat(cluster.git.tip(BRANCH)).isEqualTo(before);
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void aSecondRequestWaitsBlockedAndARequestDeletedMidFlightPutsFluxAndWorkloadsBack() {
    requests.upgrade(WEB_NAMESPACE, "first", WEB, BROKEN_TAG, false, true);
    // The new pods never get Ready, so the upgrade waits in HealthCheck until its timeout.
    await(requests.upgrade(WEB_NAMESPACE, "first"), inPhase("HealthCheck"), WAIT);
    assertThat(requests.upgrade(WEB_NAMESPACE, "first").get().getMetadata().getFinalizers())
        .containsExactly("harbormaster.io/operation");

    requests.upgrade(WEB_NAMESPACE, "second", WEB, "2.0.0", true, false);
    UpgradeRequest blocked =
        await(
            requests.upgrade(WEB_NAMESPACE, "second"),
            r -> condition(r, "Blocked").isPresent(),
            WAIT);
    assertThat(condition(blocked, "Blocked").orElseThrow().getMessage())
        .contains("UpgradeRequest apps/first (phase HealthCheck)")
        .contains("ManagedApp apps/web");

    requests.upgrade(WEB_NAMESPACE, "first").delete();
    AwaitCondition.until(requests.upgrade(WEB_NAMESPACE, "first"), r -> r == null, WAIT);
    assertThat(apps.suspended(WEB)).isFalse();
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);

    UpgradeRequest second =
        await(requests.upgrade(WEB_NAMESPACE, "second"), inPhase("Completed"), WAIT);
    assertThat(condition(second, "Blocked")).isEmpty();
  }

  @Test
  void aRefusedRequestStaysRefusedOnceItsCauseIsFixed() {
    AppGitAccess access = new AppGitAccess(cluster);
    String repository = access.app().get().getSpec().git().repository();
    access.pointAt("https://bot:ghp_inTheUrl@git.example.com/fleet.git", null);
    access.awaitCondition("Ready", c -> "InvalidSpec".equals(c.getReason()));
    access.requestRefused("while-invalid", "InvalidSpec");

    access.pointAt(repository, null);
    access.awaitCondition("GitReadable", c -> "True".equals(c.getStatus()));
    // Any change wakes the request's reconciler, as Flux's or a person's edits of it would.
    requests
        .upgrade(WEB_NAMESPACE, "while-invalid")
        .edit(
            r -> {
              r.getMetadata().setLabels(Map.of("touched", "after-the-fix"));
              return r;
            });
    requests.upgrade(WEB_NAMESPACE, "after-fix", WEB, "2.0.0", true, false);
    await(requests.upgrade(WEB_NAMESPACE, "after-fix"), inPhase("Completed"), WAIT);

    UpgradeRequest refused = requests.upgrade(WEB_NAMESPACE, "while-invalid").get();
    assertThat(refused.getMetadata().getLabels()).containsEntry("touched", "after-the-fix");
    assertThat(refused.getStatus().phase()).as("started after its refusal").isNull();
    assertThat(condition(refused, "Failed").orElseThrow().getReason()).isEqualTo("InvalidSpec");
  }

  @Test
  void aReconcileFluxHadUnderWayWhenSuspendedEndsBeforeAnyWorkloadStops() {
    Resource<GenericKubernetesResource> web =
        cluster.flux(
            "kustomize.toolkit.fluxcd.io/v1", "Kustomization", OperatorCluster.FLUX_NAMESPACE, WEB);
    web.edit(
        kustomization -> {
          Map<String, Object> spec = kustomization.get("spec");
          spec.put("wait", true);
          // The upgrade below waits the health checks out; it finds them under way within a second
          // or two.
          spec.put("timeout", "10s");
          return kustomization;
        });
    // Someone else's commit, whose pods never get Ready: kustomize-controller applies it and waits
    // on its health checks, a reconcile under way that a suspend does not stop.
    cluster.git.commit(
        BRANCH,
        Map.of(FleetApps.WEB_FILE, FleetApps.webKustomization(BROKEN_TAG)),
        "a release that never starts");
    String broken = cluster.git.tip(BRANCH).getName();
    cluster.sandbox.fetchFleet();
    AwaitCondition.until(
        web,
        kustomization ->
            String.valueOf(FluxConditions.of(kustomization, "Healthy").get("message"))
                .startsWith("Running health checks for revision main@sha1:" + broken),
        WAIT);

    requests.upgrade(WEB_NAMESPACE, "mid-apply", WEB, "2.0.0", false, false);
    UpgradeRequest waiting =
        await(
            requests.upgrade(WEB_NAMESPACE, "mid-apply"),
            r ->
                inPhase("Suspend").test(r)
                    && r.getStatus().waitingFor() != null
                    && r.getStatus().waitingFor().startsWith("Flux to finish"),
            WAIT);
    assertThat(waiting.getStatus().waitingFor())
        .contains(
            "Kustomization flux-system/web (Progressing: Running health checks for revision main@sha1:");
    assertThat(apps.suspended(WEB)).isTrue();
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas())
        .as("nothing stopped under Flux's work")
        .isEqualTo(1);

    UpgradeRequest done =
        await(
            requests.upgrade(WEB_NAMESPACE, "mid-apply"),
            Requests.finished(),
            java.time.Duration.ofSeconds(90));
    assertThat(done.getStatus().phase()).as(done.getStatus().message()).isEqualTo("Completed");
  }
}
