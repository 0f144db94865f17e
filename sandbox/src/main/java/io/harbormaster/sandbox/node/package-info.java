/**
 * Simulated nodes: {@link io.harbormaster.sandbox.node.SandboxNodes} creates Node objects and runs
 * each node's kubelet as far as its stats go, an HTTPS server on loopback answering {@code GET
 * /stats/summary} in the kubelet's JSON format with the volume usage a test or the demo set. The
 * API server's node proxy reaches it: the real kube-apiserver by the Node's InternalIP and kubelet
 * port, the mock through the sandbox's dispatcher, which plays that proxy.
 *
 * <p>Simplifications: a volume's filesystem is 3 % smaller than its PVC's capacity (ext4's own
 * tables and journal); usage is set, never measured from the volume's files; a volume's stats
 * appear at once once its usage is set, where a real kubelet measures every minute or so; the stats
 * carry no node, container or ephemeral-storage figures; nodes never go NotReady on their own.
 */
package io.harbormaster.sandbox.node;
