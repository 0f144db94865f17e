package io.harbormaster.sandbox.storage;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.model.ObjectRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes files on the volume a PVC is bound to, as a pod mounting it would. */
public final class VolumeFiles {
  private final KubernetesClient client;
  private final VolumeStore store;

  public VolumeFiles(KubernetesClient client, VolumeStore store) {
    this.client = client;
    this.store = store;
  }

  public void write(ObjectRef pvc, String file, byte[] content) {
    Path target = resolve(pvc, file);
    try {
      Files.createDirectories(target.getParent());
      Files.write(target, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + " on PVC " + pvc, e);
    }
  }

  public byte[] read(ObjectRef pvc, String file) {
    Path source = resolve(pvc, file);
    try {
      return Files.readAllBytes(source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " on PVC " + pvc, e);
    }
  }

  private Path resolve(ObjectRef pvc, String file) {
    PersistentVolumeClaim claim =
        client.persistentVolumeClaims().inNamespace(pvc.namespace()).withName(pvc.name()).get();
    if (claim == null) {
      throw new IllegalArgumentException(
          "PVC " + pvc + " not found: create it before using its files");
    }
    String volumeName = claim.getSpec().getVolumeName();
    if (volumeName == null || !"Bound".equals(Claims.phase(claim))) {
      throw new IllegalStateException(
          "PVC "
              + pvc
              + " is "
              + Claims.phase(claim)
              + ", not Bound: wait for the binder (a WaitForFirstConsumer PVC needs a pod)");
    }
    Path volume = store.volume(volumeName);
    Path target = volume.resolve(file).normalize();
    if (!target.startsWith(volume) || target.equals(volume)) {
      throw new IllegalArgumentException(
          "file '" + file + "' is not a path inside the volume of PVC " + pvc);
    }
    return target;
  }
}
