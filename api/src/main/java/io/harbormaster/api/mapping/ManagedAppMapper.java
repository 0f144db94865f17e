package io.harbormaster.api.mapping;

import io.harbormaster.api.crd.ManagedAppSpec;
import io.harbormaster.api.crd.NamespacedName;
import io.harbormaster.core.model.AutoUpdate;
import io.harbormaster.core.model.AutomationAfterRollback;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ImmutableGitLocation;
import io.harbormaster.core.model.ImmutableManagedApp;
import io.harbormaster.core.model.ImmutableSnapshotPolicy;
import io.harbormaster.core.model.ImmutableSnapshotRetention;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SnapshotPolicy;
import io.harbormaster.core.model.SnapshotRetention;
import java.util.Optional;

/**
 * A ManagedApp resource to the core's ManagedApp; the API server's defaults are applied again here.
 */
public final class ManagedAppMapper {
  private ManagedAppMapper() {}

  /**
   * @throws InvalidSpecException naming the field that is missing or wrong
   */
  public static ManagedApp toCore(io.harbormaster.api.crd.ManagedApp resource) {
    ManagedAppSpec spec = require(resource.getSpec(), "spec");
    ImmutableManagedApp.Builder app =
        ManagedApp.builder()
            .id(
                Refs.of(
                    "metadata",
                    resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName()))
            .flux(flux(require(spec.flux(), "spec.flux")))
            .git(git(require(spec.git(), "spec.git")));
    if (spec.autoUpdate() != null) {
      app.autoUpdate(AutoUpdate.valueOf(spec.autoUpdate().name()));
    }
    if (spec.snapshots() != null) {
      app.snapshots(snapshots(spec.snapshots()));
    }
    if (spec.healthCheckTimeout() != null) {
      app.healthCheckTimeout(
          GoDuration.parse("spec.healthCheckTimeout", spec.healthCheckTimeout()));
    }
    Optional.ofNullable(spec.autoRollback()).ifPresent(app::autoRollback);
    app.serviceAccountName(Optional.ofNullable(spec.serviceAccountName()));
    if (spec.imageAutomation() == ManagedAppSpec.ImageAutomation.RESUME_AFTER_ROLLBACK) {
      app.imageAutomation(AutomationAfterRollback.RESUME);
    }
    return app.build();
  }

  private static FluxSource flux(ManagedAppSpec.Flux flux) {
    return FluxSource.builder()
        .kustomization(
            Optional.ofNullable(flux.kustomization())
                .map(ref -> ref(ref, "spec.flux.kustomization")))
        .helmRelease(
            Optional.ofNullable(flux.helmRelease()).map(ref -> ref(ref, "spec.flux.helmRelease")))
        .build();
  }

  private static GitLocation git(ManagedAppSpec.Git git) {
    ImmutableGitLocation.Builder location =
        GitLocation.builder()
            .repository(require(git.repository(), "spec.git.repository"))
            .filePath(require(git.filePath(), "spec.git.filePath"))
            .versionPath(require(git.versionPath(), "spec.git.versionPath"))
            .imagePolicy(Optional.ofNullable(git.imagePolicy()))
            .credentialsSecret(Optional.ofNullable(git.credentialsSecret()));
    Optional.ofNullable(git.branch()).ifPresent(location::branch);
    Optional.ofNullable(git.imageTagPaths()).ifPresent(location::putAllImageTagPaths);
    return location.build();
  }

  private static SnapshotPolicy snapshots(ManagedAppSpec.Snapshots snapshots) {
    ImmutableSnapshotPolicy.Builder policy =
        SnapshotPolicy.builder()
            .volumeSnapshotClassName(Optional.ofNullable(snapshots.volumeSnapshotClassName()));
    Optional.ofNullable(snapshots.enabled()).ifPresent(policy::enabled);
    Optional.ofNullable(snapshots.pvcs()).ifPresent(policy::addAllPvcs);
    Optional.ofNullable(snapshots.excludePvcs()).ifPresent(policy::addAllExcludePvcs);
    if (snapshots.retention() != null) {
      ImmutableSnapshotRetention.Builder retention = SnapshotRetention.builder();
      Optional.ofNullable(snapshots.retention().maxCount()).ifPresent(retention::maxCount);
      Optional.ofNullable(snapshots.retention().maxAge())
          .ifPresent(
              age -> retention.maxAge(GoDuration.parse("spec.snapshots.retention.maxAge", age)));
      policy.retention(retention.build());
    }
    return policy.build();
  }

  private static ObjectRef ref(NamespacedName name, String field) {
    return Refs.of(field, name.namespace(), name.name());
  }

  static <T> T require(T value, String field) {
    if (value == null) {
      throw new InvalidSpecException(field, "is missing");
    }
    return value;
  }
}
