/**
 * {@code hm} against a cluster, the way kubectl reaches it (kubeconfig, context, namespace): list
 * the ManagedApps, show what an upgrade would stop, create UpgradeRequests and RollbackRequests for
 * the operator and follow them, or run the same phase machines from the CLI process ({@code
 * --local}). Wiring only: the decisions are the core's, the Kubernetes and git work the adapters'.
 */
package io.harbormaster.cli.cluster;
