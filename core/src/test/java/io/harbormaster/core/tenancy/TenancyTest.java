package io.harbormaster.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.discovery.VolumeTarget;
import io.harbormaster.core.discovery.WorkloadTarget;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.SnapshotPolicy;
import io.harbormaster.core.model.SourceKind;
import io.harbormaster.core.model.SourceRef;
import io.harbormaster.core.model.WorkloadKind;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.operation.Action;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.port.RestoreRequest;
import io.harbormaster.core.port.SnapshotRequest;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TenancyTest {
  private static final ObjectRef EVIL = ObjectRef.of("attacker", "evil");
  private static final WorkloadRef VICTIM =
      WorkloadRef.of(WorkloadKind.STATEFULSET, ObjectRef.of("db", "postgres"));
  private static final Tenancy FLUX_GRANTED =
      Tenancy.fromEnvironment(Map.of(Tenancy.GRANTS, "shop:flux-system, *:flux-shared"));

  @Test
  void anAppTouchesItsOwnNamespaceAndWhatTheOperatorGrantsIt() {
    assertThat(Tenancy.sameNamespaceOnly().allows("shop", "shop")).isTrue();
    assertThat(Tenancy.sameNamespaceOnly().allows("shop", "flux-system")).isFalse();
    assertThat(FLUX_GRANTED.allows("shop", "flux-system")).isTrue();
    assertThat(FLUX_GRANTED.allows("attacker", "flux-system"))
        .as("a grant names its app namespace")
        .isFalse();
    assertThat(FLUX_GRANTED.allows("attacker", "flux-shared")).as("* grants every app").isTrue();
    assertThat(FLUX_GRANTED.allows("shop", "db")).isFalse();
  }

  @Test
  void whatConcernsAnAppIsSearchedForInEveryNamespaceItMayTouch() {
    ManagedApp app = SampleApp.app();

    assertThat(FLUX_GRANTED.namespacesToSearch(app))
        .containsExactly("flux-shared", "flux-system", "shop");
    assertThat(Tenancy.sameNamespaceOnly().namespacesToSearch(app)).containsExactly("shop");
  }

  @Test
  void aRunUnderItsUsersRightsSearchesTheAppsNamespaceAndThoseOfItsFluxObjects() {
    ManagedApp app =
        ManagedApp.builder()
            .from(SampleApp.app())
            .flux(
                FluxSource.builder()
                    .kustomization(ObjectRef.of("flux-system", "shop"))
                    .helmRelease(ObjectRef.of("releases", "postgres"))
                    .build())
            .build();

    assertThat(Tenancy.ofLocalRun().namespacesToSearch(app))
        .containsExactly("flux-system", "releases", "shop");
  }

  @Test
  void refusingCrossNamespaceRefsOverridesEveryGrant() {
    Tenancy locked =
        Tenancy.fromEnvironment(
            Map.of(Tenancy.GRANTS, "shop:flux-system", Tenancy.NO_CROSS_NAMESPACE_REFS, "true"));

    assertThat(locked.allows("shop", "flux-system")).isFalse();
    assertThat(locked.allows("shop", "shop")).isTrue();
    assertThatThrownBy(() -> locked.checkSpec(SampleApp.app()))
        .isInstanceOf(TenancyViolation.class)
        .hasMessageContaining(Tenancy.NO_CROSS_NAMESPACE_REFS + "=true");
  }

  @Test
  void anAppsNamespacesAreItsOwnAndThoseGrantedToIt() {
    assertThat(FLUX_GRANTED.namespacesOf("shop"))
        .containsExactly("flux-shared", "flux-system", "shop");
    assertThat(FLUX_GRANTED.namespacesOf("attacker")).containsExactly("attacker", "flux-shared");
    assertThat(
            Tenancy.fromEnvironment(
                    Map.of(
                        Tenancy.GRANTS,
                        "shop:flux-system",
                        Tenancy.NO_CROSS_NAMESPACE_REFS,
                        "true"))
                .namespacesOf("shop"))
        .containsExactly("shop");
    assertThatThrownBy(() -> Tenancy.ofLocalRun().namespacesOf("shop"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aLocalRunIsBoundByItsUsersRightsNotOurs() {
    assertThat(Tenancy.ofLocalRun().allows("attacker", "db")).isTrue();
  }

  @Test
  void anAppActsAsItsOwnServiceAccountElseTheOperatorsDefault() {
    ManagedApp app = SampleApp.app();
    Tenancy withDefault =
        Tenancy.fromEnvironment(Map.of(Tenancy.DEFAULT_SERVICE_ACCOUNT, "harbormaster"));

    assertThat(Tenancy.sameNamespaceOnly().serviceAccountOf(app))
        .as("the operator acts as itself")
        .isEmpty();
    assertThat(withDefault.serviceAccountOf(app)).contains("harbormaster");
    assertThat(
            withDefault.serviceAccountOf(
                ManagedApp.builder().from(app).serviceAccountName("shop-deployer").build()))
        .contains("shop-deployer");
    assertThat(
            Tenancy.ofLocalRun()
                .serviceAccountOf(
                    ManagedApp.builder().from(app).serviceAccountName("shop-deployer").build()))
        .as("hm --local acts as its user")
        .isEmpty();
    assertThatThrownBy(
            () -> Tenancy.fromEnvironment(Map.of(Tenancy.DEFAULT_SERVICE_ACCOUNT, "system:admin")))
        .hasMessageStartingWith(
            Tenancy.DEFAULT_SERVICE_ACCOUNT + "='system:admin' is not a ServiceAccount name");
  }

  @Test
  void aConfigurationThatIsNotOneIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> Tenancy.fromEnvironment(Map.of(Tenancy.GRANTS, "apps=flux-system")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            Tenancy.GRANTS + " holds 'apps=flux-system': write <app namespace>:<namespace> pairs");
    assertThatThrownBy(() -> Tenancy.fromEnvironment(Map.of(Tenancy.GRANTS, "apps:*")))
        .hasMessageContaining("'apps:*'");
    assertThatThrownBy(
            () -> Tenancy.fromEnvironment(Map.of(Tenancy.NO_CROSS_NAMESPACE_REFS, "yes")))
        .hasMessage(Tenancy.NO_CROSS_NAMESPACE_REFS + "='yes' is not true or false");
  }

  @Test
  void theSpecsFluxObjectsAndNamedPvcsAreChecked() {
    ManagedApp app = SampleApp.app(); // Kustomization flux-system/shop, HelmRelease shop/postgres
    FLUX_GRANTED.checkSpec(app);

    assertThatThrownBy(() -> Tenancy.sameNamespaceOnly().checkSpec(app))
        .isInstanceOf(TenancyViolation.class)
        .hasMessage(
            "Kustomization flux-system/shop (from spec.flux) is in namespace flux-system, outside the namespace of app"
                + " shop/postgres: an app's operation touches only its own namespace unless the operator grants the pair"
                + " (HM_NAMESPACE_GRANTS=shop:flux-system)");
    ManagedApp stealing =
        ManagedApp.builder()
            .from(app)
            .snapshots(SnapshotPolicy.builder().addPvcs("db/data-postgres-0").build())
            .build();
    assertThatThrownBy(() -> FLUX_GRANTED.checkSpec(stealing))
        .hasMessageStartingWith("PVC db/data-postgres-0 (from spec.snapshots) is in namespace db");
  }

  @Test
  void discoveredWorkloadsAndVolumesAreChecked() {
    AppTargets foreignWorkload =
        AppTargets.builder()
            .addWorkloads(WorkloadTarget.of(VICTIM, "mounts PVC attacker/data"))
            .build();
    AppTargets foreignVolume =
        AppTargets.builder()
            .addVolumes(
                VolumeTarget.of(ObjectRef.of("db", "data-postgres-0"), "in the Helm manifest"))
            .build();

    assertThatThrownBy(() -> FLUX_GRANTED.checkTargets(EVIL, foreignWorkload))
        .isInstanceOf(TenancyViolation.class)
        .hasMessageStartingWith(
            "StatefulSet db/postgres (from discovery (mounts PVC attacker/data)) is in namespace db");
    assertThatThrownBy(() -> FLUX_GRANTED.checkTargets(EVIL, foreignVolume))
        .hasMessageStartingWith(
            "PVC db/data-postgres-0 (from discovery (in the Helm manifest)) is in namespace db");
    FLUX_GRANTED.checkTargets(ObjectRef.of("db", "postgres"), foreignWorkload);
  }

  @Test
  void referencesReadBackFromAStatusAreChecked() {
    OperationState inherited = state().with(b -> b.putOriginalReplica(VICTIM, 3));
    OperationState snapshotted =
        state()
            .with(b -> b.putSnapshot(ObjectRef.of("attacker", "data"), ObjectRef.of("db", "snap")));

    assertThatThrownBy(() -> FLUX_GRANTED.checkState(inherited))
        .isInstanceOf(TenancyViolation.class)
        .hasMessageStartingWith("StatefulSet db/postgres (from the status of ");
    assertThatThrownBy(() -> FLUX_GRANTED.checkState(snapshotted))
        .hasMessageStartingWith("VolumeSnapshot db/snap");
    FLUX_GRANTED.checkState(
        state()
            .with(
                b ->
                    b.putOriginalReplica(
                        WorkloadRef.of(WorkloadKind.DEPLOYMENT, ObjectRef.of("attacker", "web")),
                        1)));
  }

  @Test
  void anActionOnAnotherNamespacesObjectIsAViolationAndOneOnTheAppsIsNot() {
    assertThat(FLUX_GRANTED.violation(EVIL, new Action.Scale(VICTIM, 0)))
        .hasValueSatisfying(
            violation ->
                assertThat(violation)
                    .hasMessageStartingWith("StatefulSet db/postgres (from an action)"));
    assertThat(
            FLUX_GRANTED.violation(
                EVIL,
                new Action.Scale(
                    WorkloadRef.of(WorkloadKind.DEPLOYMENT, ObjectRef.of("attacker", "web")), 0)))
        .isEmpty();
    SourceRef fleet = SourceRef.of(SourceKind.GIT_REPOSITORY, ObjectRef.of("flux-system", "fleet"));
    assertThat(FLUX_GRANTED.violation(EVIL, new Action.RequestSourceReconcile(fleet)))
        .hasValueSatisfying(
            violation ->
                assertThat(violation)
                    .hasMessageStartingWith("GitRepository flux-system/fleet (from an action)"));
    assertThat(
            FLUX_GRANTED.violation(
                ObjectRef.of("shop", "web"), new Action.RequestSourceReconcile(fleet)))
        .isEmpty();
  }

  @Test
  void withoutADefaultServiceAccountConfiguredAnAppActsAsTheOperator() {
    ManagedApp app = SampleApp.app();

    assertThat(Tenancy.fromEnvironment(Map.of()).serviceAccountOf(app)).isEmpty();
    assertThat(
            Tenancy.fromEnvironment(Map.of(Tenancy.DEFAULT_SERVICE_ACCOUNT, " "))
                .serviceAccountOf(app))
        .isEmpty();
  }

  @Test
  void pvcsTheSnapshotPolicyNamesWithoutANamespaceAreTheAppsOwn() {
    ManagedApp app =
        ManagedApp.builder()
            .from(SampleApp.app())
            .snapshots(
                SnapshotPolicy.builder()
                    .addPvcs("data-postgres-0")
                    .addExcludePvcs("scratch-postgres-0")
                    .build())
            .build();

    FLUX_GRANTED.checkSpec(app);
  }

  static Stream<Action> actionsOnAnotherNamespace() {
    FluxRef kustomization = FluxRef.kustomization(ObjectRef.of("db", "apps"));
    ObjectRef pvc = ObjectRef.of("db", "data-postgres-0");
    ObjectRef snapshot = ObjectRef.of("db", "up-data-postgres-0");
    ObjectRef ownPvc = ObjectRef.of("attacker", "data");
    ObjectRef ownSnapshot = ObjectRef.of("attacker", "up-data");
    return Stream.of(
        new Action.SuspendFlux(kustomization),
        new Action.ResumeFlux(kustomization),
        new Action.RequestReconcile(kustomization),
        new Action.RequestTrackedReconcile(kustomization, "harbormaster-0123"),
        new Action.Scale(VICTIM, 0),
        new Action.CreateSnapshot(snapshotRequest(pvc, ownSnapshot)),
        new Action.CreateSnapshot(snapshotRequest(ownPvc, snapshot)),
        new Action.RestoreVolume(RestoreRequest.of(pvc, ownSnapshot)),
        new Action.RestoreVolume(RestoreRequest.of(ownPvc, snapshot)));
  }

  private static SnapshotRequest snapshotRequest(ObjectRef pvc, ObjectRef snapshot) {
    return SnapshotRequest.builder()
        .pvc(pvc)
        .snapshot(snapshot)
        .app(EVIL)
        .operation(OperationId.upgrade(ObjectRef.of("attacker", "evil-up")))
        .build();
  }

  @ParameterizedTest
  @MethodSource("actionsOnAnotherNamespace")
  void everyActionOnAnObjectInAnotherNamespaceIsAViolation(Action action) {
    assertThat(FLUX_GRANTED.violation(EVIL, action))
        .hasValueSatisfying(
            violation ->
                assertThat(violation).hasMessageContaining("(from an action) is in namespace db"));
  }

  @Test
  void volumesAndSnapshotsReadBackFromAStatusAreChecked() {
    OperationState foreignVolume =
        state().with(b -> b.addVolume(VolumeTarget.of(ObjectRef.of("db", "data"), "RWO")));
    OperationState foreignSnapshotted =
        state()
            .with(
                b ->
                    b.putSnapshot(ObjectRef.of("db", "data"), ObjectRef.of("attacker", "up-data")));

    assertThatThrownBy(() -> FLUX_GRANTED.checkState(foreignVolume))
        .isInstanceOf(TenancyViolation.class)
        .hasMessageStartingWith("PVC db/data (from the status of upgrade attacker/evil-up)");
    assertThatThrownBy(() -> FLUX_GRANTED.checkState(foreignSnapshotted))
        .hasMessageStartingWith("PVC db/data (from the status of upgrade attacker/evil-up)");
  }

  private static OperationState state() {
    return OperationState.builder()
        .id(OperationId.upgrade(ObjectRef.of("attacker", "evil-up")))
        .app(EVIL)
        .phase(Phase.PENDING)
        .phaseStartedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .build();
  }
}
