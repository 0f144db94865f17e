package io.harbormaster.core.port;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import java.util.Optional;
import org.immutables.value.Value;

/** One VolumeSnapshot of one PVC, taken for one operation on one app. */
@Value.Immutable
public abstract class SnapshotRequest {
  /** The VolumeSnapshot to create, in the PVC's namespace; its name is chosen by the core. */
  public abstract ObjectRef snapshot();

  public abstract ObjectRef pvc();

  public abstract ObjectRef app();

  public abstract OperationId operation();

  public abstract Optional<String> volumeSnapshotClassName();

  public static ImmutableSnapshotRequest.Builder builder() {
    return ImmutableSnapshotRequest.builder();
  }
}
