/**
 * Runs the phase machines through the ports: observe what the state's phase needs, step the
 * machine, run the actions, hand back the state to persist. The operator calls one step per
 * reconcile; the CLI loops until the operation is finished, woken by watches.
 */
@HarbormasterStyle
package io.harbormaster.core.engine;

import io.harbormaster.core.HarbormasterStyle;
