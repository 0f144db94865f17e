/**
 * What the operator process needs besides the reconcilers {@code embedded} wires: the health,
 * readiness and metrics endpoints the Deployment's probes and Prometheus call, and the process's
 * configuration from its environment.
 */
package io.harbormaster.operator.runtime;
