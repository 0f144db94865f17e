/**
 * Translates between the custom resources and the core's values: specs to ManagedApp and requests
 * (bad input surfaces as the core's InvalidSpecException naming the field), and OperationState to
 * and from a request's status, losslessly, so a restarted operator resumes exactly.
 */
package io.harbormaster.api.mapping;
