package io.harbormaster.core.sizing;

import io.harbormaster.core.model.ObjectRef;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * One growth of one PVC, as the policy's status keeps it: the budget counts it for 24 hours, and
 * the PVC is not judged again until its filesystem is seen larger than {@link
 * #fromFilesystemBytes()}.
 */
@Value.Immutable
public abstract class Growth {
  public abstract ObjectRef pvc();

  /** The PVC's {@code metadata.uid}: a PVC deleted and created again under its name is another. */
  public abstract String pvcUid();

  public abstract Instant at();

  public abstract GrowthKind kind();

  /** {@code status.capacity} before. */
  public abstract long fromBytes();

  /** The size asked for. */
  public abstract long toBytes();

  /** The filesystem's size the kubelet reported before: the growth shows once it is larger. */
  public abstract long fromFilesystemBytes();

  public static ImmutableGrowth.Builder builder() {
    return ImmutableGrowth.builder();
  }
}
