/**
 * Simulated storage for the sandbox: what a real cluster's PVC binder, CSI provisioner, CSI resizer
 * (with the kubelet's part of a resize) and CSI snapshot controller do, played against either API
 * server with real bytes on disk.
 *
 * <p>Start everything with {@link io.harbormaster.sandbox.storage.SandboxStorage}; read and write a
 * volume's files with {@link io.harbormaster.sandbox.storage.VolumeFiles}. Every PersistentVolume
 * is a folder under one root directory and every ready VolumeSnapshot a copy of its PVC's folder,
 * so a test can write bytes, snapshot, change them, restore and read the old bytes back. The
 * controllers are level-triggered: a watch event on a PVC, pod, PV or VolumeSnapshot wakes one pass
 * over the current state, and a failed pass is retried with backoff.
 */
package io.harbormaster.sandbox.storage;
