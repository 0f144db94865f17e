/**
 * What the operator process needs besides reconcilers: Prometheus metrics, the health and readiness
 * endpoints the Deployment's probes call, and the process's configuration.
 */
package io.harbormaster.operator.runtime;
