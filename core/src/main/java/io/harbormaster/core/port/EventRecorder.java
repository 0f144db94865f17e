package io.harbormaster.core.port;

import io.harbormaster.core.model.OperationId;

/** Records what an operation did, for people: Kubernetes Events in the operator, lines in the CLI. */
public interface EventRecorder {
  enum Type {
    NORMAL,
    WARNING
  }

  void record(OperationId operation, Type type, String reason, String message);
}
