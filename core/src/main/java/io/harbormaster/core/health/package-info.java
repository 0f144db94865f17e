/**
 * The health rule: an app is healthy when its Flux objects are Ready and every workload has as many
 * ready replicas as it wants. Fed with live observations by the adapters, never a cached condition.
 */
@HarbormasterStyle
package io.harbormaster.core.health;

import io.harbormaster.core.HarbormasterStyle;
