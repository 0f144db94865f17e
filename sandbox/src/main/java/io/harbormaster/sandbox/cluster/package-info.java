/**
 * The whole sandbox as one object: a mock API server with simulated Flux, workloads, storage, a git
 * server holding a fleet repository and a Helm chart server holding the charts, and the sample apps
 * a demo or an end-to-end test installs in it. It is a simulation and every output built on it says
 * so.
 */
package io.harbormaster.sandbox.cluster;
