/**
 * {@link io.harbormaster.core.port.VolumeUsageSource} on the kubelets' summary API, read through
 * the API server's node proxy: one request per node, whatever the number of PVCs on it.
 */
package io.harbormaster.sizing.kubelet;
