/**
 * The custom resources (group {@code harbormaster.io}, version {@code v1alpha1}): ManagedApp,
 * UpgradeRequest and RollbackRequest, with their OpenAPI validation and printer columns. Plain JSON
 * shapes only; the mapping to core values lives in {@code io.harbormaster.operator.mapping}.
 */
package io.harbormaster.operator.crd;
