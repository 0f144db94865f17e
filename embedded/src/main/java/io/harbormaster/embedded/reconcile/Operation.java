package io.harbormaster.embedded.reconcile;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.PhaseMachine;
import java.util.function.Supplier;

/** A request's operation: its app, the machine that steps it, and how it starts. */
record Operation(ManagedApp app, PhaseMachine machine, Supplier<OperationState> start) {}
