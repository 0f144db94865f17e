/**
 * The status conditions people read on Harbormaster's resources (Running, Completed, Failed,
 * Blocked on a request), built the same way by the operator and by {@code hm --local}.
 */
package io.harbormaster.api.conditions;
