/**
 * Ports: the interfaces through which the core reaches the outside world. Adapter modules implement
 * them; no Kubernetes, git or SSH type crosses them. Every mutating method is idempotent, because
 * the engine may repeat a step after a crash.
 *
 * <p>Failures: throw {@link io.harbormaster.core.model.RetryCannotHelp} (or a subclass: {@link
 * io.harbormaster.core.port.GitOpsException}, {@link
 * io.harbormaster.core.discovery.DiscoveryException}, {@link
 * io.harbormaster.core.model.InvalidSpecException}) when retrying cannot help; the operation then
 * fails at once with that message. Any other exception is treated as transient and retried until
 * the phase's deadline; one that looks like a bug ({@link java.lang.IllegalArgumentException} and
 * its kin) is logged with its stack trace too.
 */
@HarbormasterStyle
package io.harbormaster.core.port;

import io.harbormaster.core.HarbormasterStyle;
