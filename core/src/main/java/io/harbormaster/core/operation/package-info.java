/**
 * The upgrade and rollback phase machines: pure functions from the persisted {@link
 * io.harbormaster.core.operation.OperationState} and fresh {@link
 * io.harbormaster.core.operation.Observations} to the next state and the {@link
 * io.harbormaster.core.operation.Action}s to run. Every action is idempotent, so running a step
 * twice (a crash between acting and persisting) does no harm.
 */
@HarbormasterStyle
package io.harbormaster.core.operation;

import io.harbormaster.core.HarbormasterStyle;
