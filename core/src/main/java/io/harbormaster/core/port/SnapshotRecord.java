package io.harbormaster.core.port;

import io.harbormaster.core.model.ObjectRef;
import java.time.Instant;
import org.immutables.value.Value;

/** A snapshot Harbormaster took, as listed back for retention and orphan reports. */
@Value.Immutable
public abstract class SnapshotRecord {
  public abstract ObjectRef snapshot();

  public abstract ObjectRef pvc();

  public abstract ObjectRef app();

  /** The request object ({@code namespace/name}) of the upgrade that took it. */
  public abstract ObjectRef operation();

  public abstract Instant createdAt();

  public static ImmutableSnapshotRecord.Builder builder() {
    return ImmutableSnapshotRecord.builder();
  }
}
