/**
 * Simulated workload controllers for the mock API server, which runs none: a Deployment controller
 * (ReplicaSets and their pods), a StatefulSet controller (ordinal pods and their PVCs) and a
 * kubelet that makes pods Ready unless their image tag is one the test declared broken. The
 * controllers place each new pod on the schedulable Node with the fewest pods, when there are Nodes
 * ({@link io.harbormaster.sandbox.node.SandboxNodes}). Each runs on informers and reconciles on a
 * single thread, the way a real controller does, so tests wait on watches instead of sleeping.
 * {@link io.harbormaster.sandbox.workload.WorkloadSimulation} starts all three.
 *
 * <p>Simplifications: rollouts recreate (old pods go before new ones come, with no surge); pods of
 * a StatefulSet are created and deleted in parallel; a pod is Ready as soon as it exists; there is
 * no garbage collector, so the controllers delete what a deleted workload owned themselves.
 */
package io.harbormaster.sandbox.workload;
