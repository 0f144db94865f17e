package io.harbormaster.sandbox.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The simulated CSI driver's disks: every PersistentVolume is a folder {@code volumes/<pv>} and
 * every snapshot a folder {@code snapshots/<content>} under one root directory.
 */
public final class VolumeStore {
  private final Path volumes;
  private final Path snapshots;

  public VolumeStore(Path root) {
    this.volumes = root.resolve("volumes");
    this.snapshots = root.resolve("snapshots");
    createDirectories(volumes);
    createDirectories(snapshots);
  }

  /** The folder holding a PersistentVolume's data. */
  Path volume(String persistentVolume) {
    return volumes.resolve(persistentVolume);
  }

  boolean hasSnapshot(String snapshotContent) {
    return Files.isDirectory(snapshots.resolve(snapshotContent));
  }

  /**
   * Creates an empty volume, or one holding a snapshot's data when {@code fromSnapshotContent} is
   * given.
   */
  void provision(String persistentVolume, String fromSnapshotContent) {
    Path target = volume(persistentVolume);
    if (Files.isDirectory(target)) {
      return;
    }
    if (fromSnapshotContent == null) {
      createDirectories(target);
    } else {
      copyAtomically(snapshots.resolve(fromSnapshotContent), target);
    }
  }

  void snapshot(String persistentVolume, String snapshotContent) {
    Path target = snapshots.resolve(snapshotContent);
    if (!Files.isDirectory(target)) {
      copyAtomically(volume(persistentVolume), target);
    }
  }

  void deleteVolume(String persistentVolume) {
    deleteRecursively(volume(persistentVolume));
  }

  /** Deletes every snapshot copy whose content name is not in {@code keep}. */
  void deleteSnapshotsExcept(Set<String> keep) {
    for (Path copy : children(snapshots)) {
      if (!keep.contains(copy.getFileName().toString())) {
        deleteRecursively(copy);
      }
    }
  }

  /**
   * Copies into a temporary sibling and renames it, so a half-done copy is never mistaken for data.
   */
  private static void copyAtomically(Path source, Path target) {
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    deleteRecursively(partial);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.copy(
            file,
            partial.resolve(source.relativize(file).toString()),
            StandardCopyOption.COPY_ATTRIBUTES);
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
    }
  }

  private static List<Path> children(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(Files::isDirectory).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  private static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder, e);
    }
  }

  private static void createDirectories(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder, e);
    }
  }
}
