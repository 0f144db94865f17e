/**
 * The pure half of discovery: decoding Helm release secrets and Flux inventories, resolving pods to
 * their workloads through owner references, and choosing which PVCs an operation protects. Adapters
 * fetch the objects; these classes decide what they mean.
 */
@HarbormasterStyle
package io.harbormaster.core.discovery;

import io.harbormaster.core.HarbormasterStyle;
