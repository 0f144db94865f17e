package io.harbormaster.core.operation;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.port.VersionEdit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a target version into the values to write at the app's paths in git. */
public final class VersionEdits {
  private VersionEdits() {}

  public static VersionEdit of(ManagedApp app, OperationId operation, TargetVersion target) {
    Map<String, String> values = new LinkedHashMap<>();
    target.version().ifPresent(version -> values.put(app.git().versionPath(), version));
    target.imageTags().forEach((image, tag) -> values.put(app.git().imageTagPath(image), tag));
    String component =
        target.version().isPresent()
            ? app.id().name()
            : String.join(",", target.imageTags().keySet());
    return VersionEdit.builder()
        .location(app.git())
        .app(app.id().name())
        .operation(operation)
        .component(component)
        .values(values)
        .build();
  }
}
