package io.harbormaster.gitops;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.port.VersionEdit;
import io.harbormaster.gitops.auth.CredentialsSource;
import java.nio.file.Path;
import java.time.Duration;

/** The app file, operation and adapter settings that the tests over each transport share. */
final class Fixtures {
  static final String HELM_RELEASE_PATH = "apps/db/helmrelease.yaml";
  static final String HELM_RELEASE =
      """
      # Postgres for the shop. Upgrades go through Harbormaster.
      apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata:
        name: db
        namespace: db
      spec:
        chart:
          spec:
            chart: postgresql
            version: "15.2.3" # pinned
        values:
          image:
            tag: 15.2.0
      """;
  static final OperationId UPGRADE = OperationId.upgrade(ObjectRef.of("db", "pg-15-3"));

  private Fixtures() {}

  /** An adapter with its own work directory; retries pause only briefly. */
  static JGitOps adapter(Path workDirectory, CredentialsSource credentials) {
    GitOpsSettings settings =
        GitOpsSettings.builder()
            .workDirectory(workDirectory)
            .authorName("Harbormaster")
            .authorEmail("harbormaster@example.com")
            .retryBackoff(Duration.ofMillis(5))
            .build();
    return new JGitOps(settings, credentials);
  }

  /**
   * The {@link #UPGRADE} operation setting the chart version of the HelmRelease in {@code
   * repository}.
   */
  static VersionEdit upgrade(String repository, String version) {
    GitLocation location =
        GitLocation.builder()
            .repository(repository)
            .filePath(HELM_RELEASE_PATH)
            .versionPath("spec.chart.spec.version")
            .build();
    return VersionEdit.builder()
        .location(location)
        .app("db")
        .operation(UPGRADE)
        .component("postgresql")
        .putValue("spec.chart.spec.version", version)
        .build();
  }
}
