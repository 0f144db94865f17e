/**
 * Ports: the interfaces through which the core reaches the outside world. Adapter modules implement
 * them; no Kubernetes, git or SSH type crosses them. Every mutating method is idempotent, because the
 * engine may repeat a step after a crash.
 */
@HarbormasterStyle
package io.harbormaster.core.port;

import io.harbormaster.core.HarbormasterStyle;
