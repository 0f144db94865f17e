package io.harbormaster.core.port;

import io.harbormaster.core.model.ObjectRef;
import org.immutables.value.Value;

/**
 * Replace a PVC by one restored from a VolumeSnapshot in the same namespace, under the same name.
 */
@Value.Immutable
public abstract class RestoreRequest {
  @Value.Parameter
  public abstract ObjectRef pvc();

  @Value.Parameter
  public abstract ObjectRef snapshot();

  public static RestoreRequest of(ObjectRef pvc, ObjectRef snapshot) {
    return ImmutableRestoreRequest.of(pvc, snapshot);
  }
}
