/**
 * Harbormaster for a Java program: {@link io.harbormaster.embedded.Harbormaster} wires the engine
 * to its adapters on a fabric8 client, to run requests in the calling process or as the operator's
 * reconcilers. The operator and {@code hm} start here too.
 */
@HarbormasterStyle
package io.harbormaster.embedded;

import io.harbormaster.core.HarbormasterStyle;
