/**
 * The custom resources (group {@code harbormaster.io}, version {@code v1alpha1}): ManagedApp,
 * UpgradeRequest and RollbackRequest, with their OpenAPI validation and printer columns. Plain JSON
 * shapes only; the mapping to core values lives in {@code io.harbormaster.api.mapping}. The
 * statuses built here (a ManagedApp's, a request's that has not started) bound their texts and
 * lists by the core's ShownLimits, as the mapping does for an operation's.
 */
package io.harbormaster.api.crd;
