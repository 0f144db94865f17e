package io.harbormaster.sandbox.storage;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The sandbox's whole storage stack on one mock API server: installs the VolumeSnapshot CRD and
 * runs a {@link PvcBinder}, a {@link VolumeResizer} and a {@link SnapshotController} over volumes
 * kept under {@code root}.
 */
public final class SandboxStorage implements AutoCloseable {
  private final PvcBinder binder;
  private final VolumeResizer resizer;
  private final SnapshotController snapshots;
  private final VolumeFiles files;

  public SandboxStorage(KubernetesClient client, Path root, Clock clock) {
    VolumeSnapshotCrd.install(client);
    VolumeStore store = new VolumeStore(root);
    this.binder = new PvcBinder(client, store);
    this.resizer = new VolumeResizer(client);
    this.snapshots = new SnapshotController(client, store, clock);
    this.files = new VolumeFiles(client, store);
  }

  public SnapshotController snapshots() {
    return snapshots;
  }

  public VolumeFiles files() {
    return files;
  }

  @Override
  public void close() {
    snapshots.close();
    resizer.close();
    binder.close();
  }
}
