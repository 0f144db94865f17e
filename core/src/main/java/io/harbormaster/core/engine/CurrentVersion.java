package io.harbormaster.core.engine;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.RetryCannotHelp;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.operation.VersionEdits;
import io.harbormaster.core.port.GitOps;
import io.harbormaster.core.port.ValueChange;

/** Reads the version an app's git file holds now, at its version path. */
public final class CurrentVersion {
  /** Names the read in the edit; nothing is committed under it. */
  private static final OperationId READ =
      OperationId.upgrade(ObjectRef.of("harbormaster", "read-current-version"));

  private CurrentVersion() {}

  /**
   * The git port reads values only as the "from" side of a preview, so this previews a change to a
   * placeholder and keeps what it would change from.
   *
   * @throws RetryCannotHelp when the version path matches nothing
   */
  public static String of(GitOps git, ManagedApp app) {
    return git.preview(VersionEdits.of(app, READ, TargetVersion.of("0.0.0"))).stream()
        .findFirst()
        .map(ValueChange::from)
        .orElseThrow(
            () -> new RetryCannotHelp("spec.git.versionPath of " + app.id() + " matched nothing"));
  }
}
