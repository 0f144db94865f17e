package io.harbormaster.core.port;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;

/**
 * Records what an operation did, for people: Kubernetes Events on the request and on its app in the
 * operator, lines in the CLI.
 */
public interface EventRecorder {
  enum Type {
    NORMAL,
    WARNING
  }

  void record(OperationId operation, ObjectRef app, Type type, String reason, String message);
}
