/**
 * Kubernetes adapters of storage sizing: how full each PVC is ({@code kubelet}) and what each PVC
 * is and how it grows ({@code pvc}). When and by how much a PVC grows is core's ({@link
 * io.harbormaster.core.sizing}).
 */
package io.harbormaster.sizing;
