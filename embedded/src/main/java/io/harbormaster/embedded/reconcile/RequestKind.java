package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.client.CustomResource;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.operation.OperationState;
import java.time.Instant;

/** What an upgrade and a rollback request differ in, for the one reconciler both share. */
interface RequestKind<R extends CustomResource<?, OperationStatus>> {
  OperationId id(R request);

  /**
   * The app the request works on.
   *
   * @throws io.harbormaster.core.model.InvalidSpecException or {@link RequestRejected} when it
   *     cannot be told
   */
  ObjectRef app(R request);

  boolean dryRun(R request);

  /** The request's operation on its app; throws like {@link #app}. */
  Operation prepare(R request, ManagedApps apps, Instant now);

  /**
   * Whether the request, deleted after its operation ended in {@code state}, must stay until
   * another request it handed over to has ended.
   */
  default boolean waitsForItsRollback(R request, OperationState state) {
    return false;
  }
}
