package io.harbormaster.gitops;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The bare repositories a test git server serves, by name, from one folder. */
final class BareRepositories {
  private final Path root;

  BareRepositories(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** A new empty bare repository. */
  Repository create(String name) throws IOException {
    Repository repository = new FileRepositoryBuilder().setGitDir(root.resolve(name).toFile()).setBare().build();
    repository.create(true);
    return repository;
  }

  /** An existing repository; a name leading outside the folder is not found. */
  Repository open(String name) throws RepositoryNotFoundException {
    Path dir = root.resolve(name).normalize();
    if (!dir.startsWith(root) || !dir.resolve("config").toFile().exists()) {
      throw new RepositoryNotFoundException(name);
    }
    try {
      return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
    } catch (IOException e) {
      throw new RepositoryNotFoundException(name, e);
    }
  }
}
