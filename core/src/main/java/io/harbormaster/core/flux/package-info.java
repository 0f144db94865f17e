/**
 * Pure rules about how Flux objects relate to each other, decided from what adapters read off the
 * cluster (labels, names) so the rule can be tested without one.
 */
@HarbormasterStyle
package io.harbormaster.core.flux;

import io.harbormaster.core.HarbormasterStyle;
