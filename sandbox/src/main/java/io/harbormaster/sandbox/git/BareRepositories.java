package io.harbormaster.sandbox.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;

/** The bare repositories a git server serves, by name (e.g. {@code app.git}), from one folder. */
public final class BareRepositories {
  private final Path root;
  private final Consumer<Push> onCommit;

  public BareRepositories(Path root) {
    this(root, push -> {});
  }

  /**
   * @param onCommit told of each commit made directly in a repository created here
   */
  public BareRepositories(Path root, Consumer<Push> onCommit) {
    this.root = root.toAbsolutePath().normalize();
    this.onCommit = onCommit;
  }

  /**
   * A new empty bare repository.
   *
   * @throws IllegalArgumentException when the name leads outside the folder or the repository
   *     exists
   */
  public BareRepository create(String name) {
    Path directory = inside(name);
    if (Files.exists(directory)) {
      throw new IllegalArgumentException(
          "repository '" + name + "' exists already under " + root + ": pick another name");
    }
    return BareRepository.create(
        directory, (branch, commit) -> onCommit.accept(new Push(name, branch, commit)));
  }

  /** The name a served repository has here, e.g. {@code fleet.git}. */
  String nameOf(Repository repository) {
    return root.relativize(repository.getDirectory().toPath().toAbsolutePath().normalize())
        .toString();
  }

  /**
   * An existing repository, for a server to serve; the caller closes it.
   *
   * @throws RepositoryNotFoundException when there is none by that name, or the name leads outside
   *     the folder
   */
  public Repository open(String name) throws RepositoryNotFoundException {
    Path directory = root.resolve(name).normalize();
    if (!directory.startsWith(root) || !Files.exists(directory.resolve("config"))) {
      throw new RepositoryNotFoundException(name);
    }
    try {
      return BareRepository.open(directory).repository();
    } catch (IOException e) {
      throw new RepositoryNotFoundException(name, e);
    }
  }

  private Path inside(String name) {
    Path directory = root.resolve(name).normalize();
    if (!directory.startsWith(root) || directory.equals(root)) {
      throw new IllegalArgumentException(
          "repository name '" + name + "' is not a folder inside " + root);
    }
    return directory;
  }
}
