package io.harbormaster.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.harbormaster.api.crd.ManagedAppSpec;
import io.harbormaster.api.crd.NamespacedName;
import io.harbormaster.core.model.AutoUpdate;
import io.harbormaster.core.model.AutomationAfterRollback;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagedAppMapperTest {
  private static final ManagedAppSpec.Git GIT =
      new ManagedAppSpec.Git(
          "https://git.example/apps.git",
          null,
          "apps/pg/release.yaml",
          "spec.chart.spec.version",
          null,
          null,
          "pg-git");

  @Test
  void mapsEverySpecFieldAndDefaultsWhatIsLeftOut() {
    ManagedAppSpec spec =
        new ManagedAppSpec(
            new ManagedAppSpec.Flux(
                new NamespacedName("flux-system", "apps"), new NamespacedName("db", "pg")),
            GIT,
            ManagedAppSpec.AutoUpdate.MINOR,
            new ManagedAppSpec.Snapshots(
                true,
                List.of("data-pg-0"),
                List.of("scratch"),
                "csi-snapclass",
                new ManagedAppSpec.Retention(3, "168h")),
            "1h30m",
            false,
            "pg-deployer",
            ManagedAppSpec.ImageAutomation.RESUME_AFTER_ROLLBACK);

    ManagedApp app = ManagedAppMapper.toCore(resource(spec));

    assertThat(app.id()).isEqualTo(ObjectRef.of("db", "pg"));
    assertThat(app.flux().applier().object()).isEqualTo(ObjectRef.of("flux-system", "apps"));
    assertThat(app.flux().helmRelease()).contains(ObjectRef.of("db", "pg"));
    assertThat(app.git().branch()).isEqualTo("main");
    assertThat(app.git().credentialsSecret()).contains("pg-git");
    assertThat(app.autoUpdate()).isEqualTo(AutoUpdate.MINOR);
    assertThat(app.snapshots().pvcs()).containsExactly("data-pg-0");
    assertThat(app.snapshots().excludePvcs()).containsExactly("scratch");
    assertThat(app.snapshots().retention().maxCount()).isEqualTo(3);
    assertThat(app.snapshots().retention().maxAge()).contains(Duration.ofDays(7));
    assertThat(app.healthCheckTimeout()).isEqualTo(Duration.ofMinutes(90));
    assertThat(app.autoRollback()).isFalse();
    assertThat(app.serviceAccountName()).contains("pg-deployer");
    assertThat(app.imageAutomation()).isEqualTo(AutomationAfterRollback.RESUME);
  }

  @Test
  void aMissingOrWrongFieldIsNamed() {
    assertThatThrownBy(
            () ->
                ManagedAppMapper.toCore(
                    resource(new ManagedAppSpec(null, GIT, null, null, null, null, null, null))))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage("spec.flux: is missing");
    ManagedAppSpec badTimeout =
        new ManagedAppSpec(
            new ManagedAppSpec.Flux(new NamespacedName("flux-system", "apps"), null),
            GIT,
            null,
            null,
            "5 minutes",
            null,
            null,
            null);
    assertThatThrownBy(() -> ManagedAppMapper.toCore(resource(badTimeout)))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith("spec.healthCheckTimeout: '5 minutes' is not a duration");
    ManagedAppSpec badRef =
        new ManagedAppSpec(
            new ManagedAppSpec.Flux(new NamespacedName("Flux_System", "apps"), null),
            GIT,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThatThrownBy(() -> ManagedAppMapper.toCore(resource(badRef)))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith(
            "spec.flux.kustomization.namespace: 'Flux_System' is not a valid namespace");
  }

  private static io.harbormaster.api.crd.ManagedApp resource(ManagedAppSpec spec) {
    io.harbormaster.api.crd.ManagedApp app = new io.harbormaster.api.crd.ManagedApp();
    app.setMetadata(new ObjectMetaBuilder().withNamespace("db").withName("pg").build());
    app.setSpec(spec);
    return app;
  }
}
