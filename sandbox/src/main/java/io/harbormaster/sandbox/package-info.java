/**
 * The simulated cluster: fabric8's mock API server in CRUD mode plus small controllers that play
 * what a real cluster runs (Deployment and StatefulSet controllers, kubelet, PVC binder, snapshot
 * controller, volume resizer, nodes and their kubelets' stats, Flux). Tests and {@code hm demo} run
 * on it; it is a simulation and says so. No production module depends on it except cli-adapter.
 */
package io.harbormaster.sandbox;
