/**
 * Kubernetes adapter that reads live Flux and workload status through fabric8 and feeds the core's
 * {@link io.harbormaster.core.health.HealthRule}.
 */
package io.harbormaster.health;
