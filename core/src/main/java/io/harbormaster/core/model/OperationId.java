package io.harbormaster.core.model;

import org.immutables.value.Value;

/** Identifies one upgrade or rollback by its request object; stable across restarts. */
@Value.Immutable
public abstract class OperationId {
  @Value.Parameter
  public abstract OperationKind kind();

  @Value.Parameter
  public abstract ObjectRef request();

  public static OperationId upgrade(ObjectRef request) {
    return ImmutableOperationId.of(OperationKind.UPGRADE, request);
  }

  public static OperationId rollback(ObjectRef request) {
    return ImmutableOperationId.of(OperationKind.ROLLBACK, request);
  }

  /** {@code upgrade db/pg-14-to-15}. */
  @Override
  public String toString() {
    return kind().label() + " " + request();
  }
}
