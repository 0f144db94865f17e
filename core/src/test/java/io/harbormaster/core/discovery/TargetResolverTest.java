package io.harbormaster.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SnapshotPolicy;
import io.harbormaster.core.model.WorkloadRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetResolverTest {
  private static final String NS = "db";
  private static final WorkloadRef PG = WorkloadRef.statefulSet(NS, "pg");
  private static final WorkloadRef WEB = WorkloadRef.deployment(NS, "web");
  private static final WorkloadRef BACKUP = WorkloadRef.deployment(NS, "backup-agent");

  private static final AppWorkload PG_SPEC =
      AppWorkload.builder().ref(PG).addClaimTemplate("data").build();
  private static final AppWorkload WEB_SPEC =
      AppWorkload.builder().ref(WEB).addClaimNames("uploads", "shared").build();

  private final List<PodInfo> pods = new ArrayList<>();
  private final List<ReplicaSetInfo> replicaSets = new ArrayList<>();
  private final List<PvcInfo> pvcs =
      new ArrayList<>(
          List.of(
              rwo("data-pg-0"),
              rwo("data-pg-1"),
              rwo("data-pgbouncer-0"),
              rwo("data-pg-x"),
              rwo("uploads"),
              PvcInfo.of(ObjectRef.of(NS, "shared"), java.util.Set.of("ReadWriteMany")),
              rwo("unrelated")));

  private static PvcInfo rwo(String name) {
    return PvcInfo.of(ObjectRef.of(NS, name), java.util.Set.of("ReadWriteOnce"));
  }

  private void deploymentPod(String deployment, String pod, String... claims) {
    String rs = deployment + "-7c9";
    replicaSets.add(
        ReplicaSetInfo.of(
            ObjectRef.of(NS, rs),
            List.of(OwnerLink.controller("apps/v1", "Deployment", deployment))));
    pods.add(
        PodInfo.builder()
            .ref(ObjectRef.of(NS, pod))
            .addOwner(OwnerLink.controller("apps/v1", "ReplicaSet", rs))
            .addClaimNames(claims)
            .build());
  }

  private void statefulSetPod(String statefulSet, int ordinal, String... claims) {
    pods.add(
        PodInfo.builder()
            .ref(ObjectRef.of(NS, statefulSet + "-" + ordinal))
            .addOwner(OwnerLink.controller("apps/v1", "StatefulSet", statefulSet))
            .addClaimNames(claims)
            .build());
  }

  private void barePod(String name, boolean terminating, String... claims) {
    pods.add(
        PodInfo.builder()
            .ref(ObjectRef.of(NS, name))
            .addClaimNames(claims)
            .terminating(terminating)
            .build());
  }

  private AppTargets resolve(SnapshotPolicy policy) {
    return TargetResolver.resolve(
        DiscoveryInput.builder()
            .addAppWorkloads(PG_SPEC, WEB_SPEC)
            .pods(pods)
            .replicaSets(replicaSets)
            .pvcs(pvcs)
            .policy(policy)
            .build());
  }

  private AppTargets resolve() {
    return resolve(SnapshotPolicy.builder().build());
  }

  private static ObjectRef pvc(String name) {
    return ObjectRef.of(NS, name);
  }

  @Test
  void protectsTheAppsReadWriteOncePvcsAndStopsEveryWorkloadMountingThem() {
    statefulSetPod("pg", 0, "data-pg-0");
    deploymentPod("web", "web-7c9-a", "uploads", "shared");
    deploymentPod("backup-agent", "backup-agent-7c9-a", "data-pg-0");

    AppTargets targets = resolve();

    assertThat(targets.volumes())
        .containsExactly(
            VolumeTarget.of(
                pvc("data-pg-0"),
                "ReadWriteOnce PVC from claim template 'data' of StatefulSet db/pg"),
            VolumeTarget.of(
                pvc("data-pg-1"),
                "ReadWriteOnce PVC from claim template 'data' of StatefulSet db/pg"),
            VolumeTarget.of(
                pvc("uploads"), "ReadWriteOnce PVC in the pod template of Deployment db/web"));
    assertThat(targets.workloads())
        .containsExactly(
            WorkloadTarget.of(BACKUP, "not part of the app, but mounts the app's PVC db/data-pg-0"),
            WorkloadTarget.of(PG, "part of the app; uses PVC db/data-pg-0, db/data-pg-1"),
            WorkloadTarget.of(WEB, "part of the app; uses PVC db/uploads"));
  }

  @Test
  void statefulSetAtZeroReplicasStillHasItsClaimPvcs() {
    AppTargets targets = resolve();

    assertThat(targets.pvcs())
        .contains(pvc("data-pg-0"), pvc("data-pg-1"))
        .doesNotContain(pvc("data-pgbouncer-0"), pvc("data-pg-x"));
    assertThat(targets.workloadRefs()).contains(PG);
  }

  @Test
  void deploymentAtZeroReplicasStillHasItsTemplatePvc() {
    assertThat(resolve().pvcs()).contains(pvc("uploads"));
    assertThat(resolve().workloadRefs()).contains(WEB);
  }

  @Test
  void pvcMountedByAnAppPodButNotInItsSpecCounts() {
    deploymentPod("web", "web-7c9-old", "unrelated");

    assertThat(resolve().pvcs()).contains(pvc("unrelated"));
    assertThat(resolve().volumes())
        .contains(
            VolumeTarget.of(
                pvc("unrelated"),
                "ReadWriteOnce PVC mounted by pod db/web-7c9-old of Deployment db/web"));
  }

  @Test
  void pvcTheSpecNamesButThatDoesNotExistIsSkipped() {
    pvcs.removeIf(p -> p.ref().name().equals("uploads"));

    assertThat(resolve().pvcs()).doesNotContain(pvc("uploads"));
  }

  @Test
  void unownedPodMountingATargetPvcIsAClearError() {
    barePod("debug", false, "data-pg-0");

    assertThatThrownBy(this::resolve)
        .isInstanceOf(DiscoveryException.class)
        .hasMessage(
            "PVC db/data-pg-0 is mounted by pod db/debug, which no Deployment or StatefulSet controls (it has no controller"
                + " owner), so Harbormaster cannot stop it: delete the pod, or exclude the PVC in spec.snapshots.excludePVCs");
  }

  @Test
  void everyUnstoppablePodIsListed() {
    barePod("debug", false, "data-pg-0");
    pods.add(
        PodInfo.builder()
            .ref(ObjectRef.of(NS, "restore-job-x"))
            .addOwner(OwnerLink.controller("batch/v1", "Job", "restore-job"))
            .addClaimName("uploads")
            .build());

    assertThatThrownBy(this::resolve)
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("pod db/debug")
        .hasMessageContaining("PVC db/uploads is mounted by pod db/restore-job-x")
        .hasMessageContaining("it is owned by Job db/restore-job");
  }

  @Test
  void terminatingUnownedPodIsNoObstacle() {
    barePod("debug", true, "data-pg-0");

    assertThat(resolve().pvcs()).contains(pvc("data-pg-0"));
  }

  @Test
  void unownedPodOnAPvcThatIsNotATargetIsNoObstacle() {
    barePod("debug", false, "shared");

    assertThat(resolve().pvcs()).doesNotContain(pvc("shared"));
  }

  @Test
  void excludingThePvcIsTheWayOut() {
    barePod("debug", false, "data-pg-0");
    deploymentPod("backup-agent", "backup-agent-7c9-a", "data-pg-0");

    AppTargets targets = resolve(SnapshotPolicy.builder().addExcludePvc("data-pg-0").build());

    assertThat(targets.pvcs()).containsExactly(pvc("data-pg-1"), pvc("uploads"));
    assertThat(targets.workloadRefs()).containsExactly(PG, WEB);
  }

  @Test
  void explicitPvcsReplaceTheListWhateverTheirAccessMode() {
    deploymentPod("web", "web-7c9-a", "uploads", "shared");
    statefulSetPod("pg", 0, "data-pg-0");

    AppTargets targets = resolve(SnapshotPolicy.builder().addPvc("shared").build());

    assertThat(targets.volumes())
        .containsExactly(VolumeTarget.of(pvc("shared"), "named in spec.snapshots.pvcs"));
    assertThat(targets.workloadRefs()).containsExactly(WEB);
  }

  @Test
  void explicitPvcThatDoesNotExistIsNamed() {
    assertThatThrownBy(() -> resolve(SnapshotPolicy.builder().addPvc("data-pg-9").build()))
        .isInstanceOf(DiscoveryException.class)
        .hasMessage(
            "spec.snapshots.pvcs names PVC 'data-pg-9', which does not exist in the app's namespaces [db]: correct the name or remove it");
  }

  @Test
  void explicitPvcMayNameItsNamespace() {
    assertThat(resolve(SnapshotPolicy.builder().addPvc("db/unrelated").build()).pvcs())
        .containsExactly(pvc("unrelated"));
    assertThatThrownBy(
            () -> resolve(SnapshotPolicy.builder().addPvc("elsewhere/unrelated").build()))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("'elsewhere/unrelated'");
  }

  @Test
  void nameInTwoOfTheAppsNamespacesMustBeQualified() {
    AppWorkload other = AppWorkload.of(WorkloadRef.deployment("cache", "redis"));
    pvcs.add(PvcInfo.of(ObjectRef.of("cache", "unrelated"), java.util.Set.of("ReadWriteOnce")));
    DiscoveryInput input =
        DiscoveryInput.builder()
            .addAppWorkloads(PG_SPEC, other)
            .pvcs(pvcs)
            .policy(SnapshotPolicy.builder().addPvc("unrelated").build())
            .build();

    assertThatThrownBy(() -> TargetResolver.resolve(input))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining(
            "exists in several of the app's namespaces [cache/unrelated, db/unrelated]: write it as <namespace>/unrelated");
  }

  @Test
  void podsInAnotherNamespaceDoNotMountThisNamespacesPvc() {
    pods.add(
        PodInfo.builder().ref(ObjectRef.of("other", "debug")).addClaimName("data-pg-0").build());

    assertThat(resolve().workloadRefs()).containsExactly(PG, WEB);
  }

  @Test
  void anAppWithMoreVolumesThanAnOperationTakesOnIsRefusedSayingHowToSplitIt() {
    List<String> claims = new ArrayList<>();
    for (int i = 0; i <= AppTargets.MAX_EACH; i++) {
      claims.add("data-" + i);
      pvcs.add(rwo("data-" + i));
    }
    AppWorkload many = AppWorkload.builder().ref(WEB).addAllClaimNames(claims).build();

    assertThatThrownBy(
            () ->
                TargetResolver.resolve(
                    DiscoveryInput.builder()
                        .addAppWorkloads(many)
                        .pvcs(pvcs)
                        .policy(SnapshotPolicy.builder().build())
                        .build()))
        .isInstanceOf(DiscoveryException.class)
        .hasMessage(
            "the app has 101 volumes to snapshot, more than the 100 one operation takes on: split it into several"
                + " ManagedApps, or name the volumes to snapshot in spec.snapshots.pvcs");
    claims.remove(0);
    AppWorkload enough = AppWorkload.builder().ref(WEB).addAllClaimNames(claims).build();
    assertThat(
            TargetResolver.resolve(
                    DiscoveryInput.builder()
                        .addAppWorkloads(enough)
                        .pvcs(pvcs)
                        .policy(SnapshotPolicy.builder().build())
                        .build())
                .volumes())
        .hasSize(AppTargets.MAX_EACH);
  }

  @Test
  void anAppWithMoreWorkloadsThanAnOperationTakesOnIsRefused() {
    List<AppWorkload> many = new ArrayList<>();
    for (int i = 0; i <= AppTargets.MAX_EACH; i++) {
      many.add(
          AppWorkload.builder()
              .ref(WorkloadRef.deployment(NS, "worker-" + i))
              .addClaimNames("uploads")
              .build());
    }

    assertThatThrownBy(
            () ->
                TargetResolver.resolve(
                    DiscoveryInput.builder()
                        .appWorkloads(many)
                        .pvcs(pvcs)
                        .policy(SnapshotPolicy.builder().build())
                        .build()))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageStartingWith(
            "the app has 101 workloads to stop, more than the 100 one operation takes on");
  }

  @Test
  void theVolumesComeOrderedByPvcWhateverOrderTheAppNamesThem() {
    AppWorkload web =
        AppWorkload.builder().ref(WEB).addClaimNames("uploads", "data-pg-x", "data-pg-1").build();

    AppTargets targets =
        TargetResolver.resolve(DiscoveryInput.builder().addAppWorkloads(web).pvcs(pvcs).build());

    assertThat(targets.pvcs()).containsExactly(pvc("data-pg-1"), pvc("data-pg-x"), pvc("uploads"));
  }
}
