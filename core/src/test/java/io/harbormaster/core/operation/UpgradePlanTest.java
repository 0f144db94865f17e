package io.harbormaster.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.automation.ImageAutomationSearch;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.discovery.VolumeTarget;
import io.harbormaster.core.discovery.WorkloadTarget;
import io.harbormaster.core.health.ConditionStatus;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.model.AutoUpdate;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SnapshotPolicy;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.port.GitCommit;
import io.harbormaster.core.port.TargetFinding;
import io.harbormaster.core.port.ValueChange;
import io.harbormaster.core.port.VersionEdit;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What an upgrade plans before it touches anything: the target auto-update picks, the values it
 * writes to git, which changes count as a downgrade, and what its dry run and its end say it did.
 */
class UpgradePlanTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final String IMAGE_PATH = "images[name=postgres].newTag";

  private final ManagedApp app = SampleApp.app();

  private final UpgradeRequest request =
      UpgradeRequest.builder()
          .id(ObjectRef.of("shop", "up"))
          .app(app.id())
          .target(TargetVersion.of("15.2.0"))
          .build();

  private Map<FluxRef, FluxStatus> flux(boolean suspended) {
    return app.flux().objects().stream()
        .collect(
            Collectors.toMap(
                ref -> ref,
                ref ->
                    FluxStatus.builder()
                        .ref(ref)
                        .suspended(suspended)
                        .ready(ConditionStatus.TRUE)
                        .build()));
  }

  private Observations pending(ValueChange... preview) {
    return Observations.builder()
        .imageAutomations(ImageAutomationSearch.none())
        .targets(
            AppTargets.builder()
                .addWorkloads(WorkloadTarget.of(SampleApp.DATABASE, "owned by the app"))
                .addVolumes(VolumeTarget.of(SampleApp.DATA, "RWO"))
                .build())
        .versionPreview(List.of(preview))
        .flux(flux(false))
        .build();
  }

  @Test
  void aValueAlreadyAtItsVersionBesideOneThatChangesIsNoDowngrade() {
    UpgradeMachine machine = new UpgradeMachine(app, request);
    Observations seen =
        pending(
            ValueChange.of(SampleApp.VERSION_PATH, "15.1.0", "15.1.0"),
            ValueChange.of(IMAGE_PATH, "15.1.0", "15.1.1"));

    Step step = machine.step(machine.start(T0), seen, T0);

    assertThat(step.state().phase()).as(step.state().message().orElse("")).isEqualTo(Phase.SUSPEND);
  }

  @Test
  void aLowerVersionAmongSeveralChangesIsADowngrade() {
    UpgradeMachine machine = new UpgradeMachine(app, request);
    Observations seen =
        pending(
            ValueChange.of(SampleApp.VERSION_PATH, "15.1.0", "15.2.0"),
            ValueChange.of(IMAGE_PATH, "15.1.1", "15.1.0"));

    Step step = machine.step(machine.start(T0), seen, T0);

    assertThat(step.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(step.state().message().orElseThrow())
        .startsWith(IMAGE_PATH + ": 15.1.1 -> 15.1.0 is a downgrade");
  }

  @Test
  void aTargetTheCatalogCannotFindFailsPendingNamingItAndStopsNothing() {
    UpgradeMachine machine = new UpgradeMachine(app, request);
    Observations seen =
        Observations.builder()
            .from(pending(ValueChange.of(SampleApp.VERSION_PATH, "15.1.0", "15.2.0")))
            .addTargetFindings(
                TargetFinding.available("image postgres:15.2.0"),
                TargetFinding.missing(
                    "chart 'postgres' 15.2.0 from HelmRepository shop/charts",
                    "the index lists 15.0.0, 15.1.0"))
            .build();

    Step step = machine.step(machine.start(T0), seen, T0);

    assertThat(step.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(step.actions()).allMatch(Action.RecordEvent.class::isInstance);
    assertThat(step.state().message().orElseThrow())
        .startsWith(
            "the target does not exist: chart 'postgres' 15.2.0 from HelmRepository shop/charts"
                + " (the index lists 15.0.0, 15.1.0). Nothing was stopped")
        .doesNotContain("image postgres");
  }

  @Test
  void aTargetTheCatalogCouldNotCheckGoesAheadAndSaysWhatWasNotChecked() {
    UpgradeMachine machine = new UpgradeMachine(app, request);
    Observations seen =
        Observations.builder()
            .from(pending(ValueChange.of(SampleApp.VERSION_PATH, "15.1.0", "15.2.0")))
            .addTargetFindings(
                TargetFinding.unchecked("image postgres:15.2.0", "registry.example out of reach"))
            .build();

    Step step = machine.step(machine.start(T0), seen, T0);

    assertThat(step.state().phase()).isEqualTo(Phase.SUSPEND);
    assertThat(step.state().history().get(0).summary())
        .endsWith("; could not check image postgres:15.2.0 (registry.example out of reach)");
  }

  @Test
  void pendingWithATargetAsksTheCatalogAndWithoutOneDoesNot() {
    UpgradeMachine machine = new UpgradeMachine(app, request);
    UpgradeMachine auto =
        new UpgradeMachine(app, UpgradeRequest.builder().id(request.id()).app(app.id()).build());

    assertThat(machine.needs(machine.start(T0))).contains(Needs.TARGET_AVAILABILITY);
    assertThat(auto.needs(auto.start(T0))).doesNotContain(Needs.TARGET_AVAILABILITY);
  }

  @Test
  void imageTagTargetsAreWrittenAtEachImagesPathAndNameTheImagesAsTheComponent() {
    ManagedApp withPaths =
        ManagedApp.builder()
            .from(app)
            .git(
                GitLocation.builder()
                    .from(app.git())
                    .putImageTagPath("exporter", "metrics.image.tag")
                    .build())
            .build();
    TargetVersion tags =
        TargetVersion.builder()
            .putImageTag("postgres", "16.1")
            .putImageTag("exporter", "0.15")
            .build();
    UpgradeMachine machine =
        new UpgradeMachine(withPaths, UpgradeRequest.builder().from(request).target(tags).build());

    VersionEdit edit = machine.plannedEdit(machine.start(T0)).orElseThrow();

    assertThat(edit.values())
        .containsExactly(Map.entry(IMAGE_PATH, "16.1"), Map.entry("metrics.image.tag", "0.15"));
    assertThat(edit.component()).isEqualTo("postgres,exporter");
    assertThat(machine.versionEdit(machine.start(T0))).isEqualTo(edit);
  }

  @Test
  void aVersionWithImageTagsWritesBothAndNamesTheAppAsTheComponent() {
    TargetVersion both =
        TargetVersion.builder().version("16.0.0").putImageTag("exporter", "0.15").build();
    UpgradeMachine machine =
        new UpgradeMachine(app, UpgradeRequest.builder().from(request).target(both).build());

    VersionEdit edit = machine.plannedEdit(machine.start(T0)).orElseThrow();

    assertThat(edit.values())
        .containsExactly(
            Map.entry(SampleApp.VERSION_PATH, "16.0.0"),
            Map.entry("images[name=exporter].newTag", "0.15"));
    assertThat(edit.component()).isEqualTo(app.id().name());
    assertThat(edit.app()).isEqualTo("postgres");
  }

  @Test
  void autoUpdateWithNothingNewerCompletesSayingSo() {
    ManagedApp minor = ManagedApp.builder().from(app).autoUpdate(AutoUpdate.MINOR).build();
    UpgradeMachine auto =
        new UpgradeMachine(
            minor, UpgradeRequest.builder().id(ObjectRef.of("shop", "auto")).app(app.id()).build());
    Observations versions =
        Observations.builder()
            .currentVersion("15.4.0")
            .addAvailableVersions("15.1.3", "15.4.0", "16.0.0")
            .build();

    Step step = auto.step(auto.start(T0), versions, T0);

    assertThat(step.state().phase()).isEqualTo(Phase.COMPLETED);
    assertThat(step.state().finished()).isTrue();
    assertThat(step.state().target()).isEmpty();
    assertThat(step.state().message())
        .contains("already at 15.4.0, the newest version autoUpdate minor allows");
    assertThat(auto.plannedEdit(auto.start(T0))).isEmpty();
  }

  private OperationState committing(UpgradeMachine machine) {
    return machine
        .start(T0)
        .with(
            b ->
                b.phase(Phase.GIT_COMMIT)
                    .addVersionChanges(ValueChange.of(SampleApp.VERSION_PATH, "15.1.0", "15.2.0")));
  }

  @Test
  void theCommitFoundInGitTellsWhatChangedAndItsPlanStandsWhenItTellsNothing() {
    UpgradeMachine machine = new UpgradeMachine(app, request);
    ValueChange fromNewer = ValueChange.of(SampleApp.VERSION_PATH, "15.1.3", "15.2.0");
    Observations telling =
        Observations.builder()
            .flux(flux(true))
            .commit(GitCommit.builder().id(COMMIT).addChanges(fromNewer).build())
            .build();
    Observations silent =
        Observations.builder()
            .flux(flux(true))
            .commit(GitCommit.builder().id(COMMIT).build())
            .build();

    Step told = machine.step(committing(machine), telling, T0.plusSeconds(1));
    Step planned = machine.step(committing(machine), silent, T0.plusSeconds(1));

    assertThat(told.state().phase()).isEqualTo(Phase.RECONCILE);
    assertThat(told.state().commitId()).contains(COMMIT);
    assertThat(told.state().versionChanges()).containsExactly(fromNewer);
    assertThat(planned.state().versionChanges())
        .containsExactly(ValueChange.of(SampleApp.VERSION_PATH, "15.1.0", "15.2.0"));
    assertThat(planned.state().history().get(planned.state().history().size() - 1).summary())
        .isEqualTo("committed 0123456789ab: spec.chart.spec.version: 15.1.0 -> 15.2.0");
  }

  @Test
  void aDryRunSaysWhatItWouldStopSnapshotAndCommit() {
    UpgradeMachine machine =
        new UpgradeMachine(app, UpgradeRequest.builder().from(request).dryRun(true).build());
    UpgradeMachine noSnapshots =
        new UpgradeMachine(
            ManagedApp.builder()
                .from(app)
                .snapshots(SnapshotPolicy.builder().enabled(false).build())
                .build(),
            UpgradeRequest.builder().from(request).dryRun(true).build());
    Observations seen = pending(ValueChange.of(SampleApp.VERSION_PATH, "15.1.0", "15.2.0"));

    Step planned = machine.step(machine.step(machine.start(T0), seen, T0).state(), seen, T0);
    Step withoutSnapshots =
        noSnapshots.step(noSnapshots.step(noSnapshots.start(T0), seen, T0).state(), seen, T0);

    assertThat(planned.state().phase()).isEqualTo(Phase.COMPLETED);
    assertThat(planned.state().message())
        .contains(
            "dry run, nothing changed: would stop [StatefulSet shop/postgres], snapshot"
                + " [shop/data-postgres-0], commit spec.chart.spec.version: 15.1.0 -> 15.2.0");
    assertThat(withoutSnapshots.state().message())
        .contains(
            "dry run, nothing changed: would stop [StatefulSet shop/postgres], take no snapshot,"
                + " commit spec.chart.spec.version: 15.1.0 -> 15.2.0");
  }

  @Test
  void aCompletedUpgradeSaysWhatItChanged() {
    UpgradeMachine machine = new UpgradeMachine(app, request);
    OperationState checking =
        committing(machine).with(b -> b.phase(Phase.HEALTH_CHECK).commitId(COMMIT));

    Step done = machine.step(checking, Observations.builder().flux(flux(false)).build(), T0);

    assertThat(done.state().phase()).isEqualTo(Phase.COMPLETED);
    assertThat(done.state().message())
        .contains("upgraded spec.chart.spec.version: 15.1.0 -> 15.2.0");
  }
}
