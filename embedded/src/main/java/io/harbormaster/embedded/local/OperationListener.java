package io.harbormaster.embedded.local;

import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.core.model.ObjectRef;

/** What a run in this process tells as it goes; each method may be left as the no-op it is. */
public interface OperationListener {
  /**
   * {@code request} waits for its turn on the app; {@code blocker} says for what, in the words
   * {@code hm status} uses. Told again only when the blocker changes.
   */
  default void waiting(ObjectRef request, String blocker) {}

  /** The status {@code request} holds after a step; the first call is its start. */
  default void stepped(ObjectRef request, OperationStatus status) {}

  /** {@code request} has ended (completed, failed or rolled back) with {@code status}. */
  default void finished(ObjectRef request, OperationStatus status) {}

  /** The failed upgrade asked for its auto-rollback, {@code rollback}, which runs next. */
  default void autoRollback(ObjectRef rollback) {}
}
