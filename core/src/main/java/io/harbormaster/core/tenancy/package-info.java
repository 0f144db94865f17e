/**
 * Tenancy: which namespaces an app's operation may touch. A tenant who may write ManagedApps and
 * requests in one namespace must gain no power over another through the operator, whatever the
 * app's spec, its Flux objects' inventory or Helm manifest, or a request's status (which {@code hm
 * --local} users write) names. {@link io.harbormaster.core.tenancy.Tenancy} is the operator's
 * configuration (never the tenant's) and the rule; the engine checks every reference where it
 * enters, and every action before it runs.
 */
@HarbormasterStyle
package io.harbormaster.core.tenancy;

import io.harbormaster.core.HarbormasterStyle;
