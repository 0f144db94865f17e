/**
 * Harbormaster's pure domain: the upgrade and rollback phase machines, the decoders behind
 * discovery, the health rule, version policy, and the ports through which adapters do every outside
 * effect.
 *
 * <p>Depends on Guava and Immutables, plus Jackson (databind and YAML) for reading the formats the
 * decoders take apart: a Helm release is gzip'd JSON and its manifest is multi-document YAML, and a
 * hand-written parser for either would be a worse copy of Jackson. Jackson stays inside the
 * decoders: no Jackson, Kubernetes, git, SSH or gRPC type crosses a port (the ArchUnit rules in
 * {@code architecture-tests} check the last four).
 */
@HarbormasterStyle
package io.harbormaster.core;
