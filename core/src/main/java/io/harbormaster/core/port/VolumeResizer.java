package io.harbormaster.core.port;

import io.harbormaster.core.model.ObjectRef;

/** Grows a PVC: raises what it asks for; the storage driver and the kubelet do the rest. */
public interface VolumeResizer {
  /**
   * @throws RuntimeException when the cluster refuses the growth, with its reason as the message
   */
  void grow(ObjectRef pvc, long toBytes);
}
