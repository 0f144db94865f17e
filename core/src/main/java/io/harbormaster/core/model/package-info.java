/**
 * What users declare: a {@link io.harbormaster.core.model.ManagedApp} and the requests to upgrade
 * or roll it back. Values check their own invariants at build time and name the offending field.
 */
@HarbormasterStyle
package io.harbormaster.core.model;

import io.harbormaster.core.HarbormasterStyle;
