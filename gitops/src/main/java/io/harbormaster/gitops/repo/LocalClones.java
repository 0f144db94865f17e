package io.harbormaster.gitops.repo;

import io.harbormaster.core.port.GitOpsException;
import io.harbormaster.gitops.auth.TransportAuth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.sha1.SHA1;

/**
 * Opens the bare clone of a remote under the work directory, creating it on first use. One
 * operation at a time uses a clone: {@link #open} holds its lock until the clone is closed.
 */
public final class LocalClones {
  /**
   * One lock per clone folder for the whole process, not per instance: two adapters on one work
   * directory (the operator's status reader beside an operation, say) would otherwise fetch into
   * the same folder at once and fail to lock its pack files.
   */
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final Path workDirectory;
  private final Duration networkTimeout;

  public LocalClones(Path workDirectory, Duration networkTimeout) {
    this.workDirectory = workDirectory;
    this.networkTimeout = networkTimeout;
  }

  public LocalClone open(String url, TransportAuth auth) {
    Path dir = workDirectory.resolve(directoryName(url)).toAbsolutePath().normalize();
    ReentrantLock lock = LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
    acquire(lock, dir);
    try {
      Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
      if (!Files.exists(dir.resolve("config"))) {
        repository.create(true);
      }
      return new LocalClone(repository, url, auth, networkTimeout, lock::unlock);
    } catch (IOException | RuntimeException e) {
      lock.unlock();
      throw new GitOpsException("cannot open the local clone in " + dir + ": " + e.getMessage());
    }
  }

  /**
   * Waits for the clone as long as one network call may take: a holder stuck longer than that is
   * stuck for good, and the caller is better off retrying later than waiting behind it forever.
   */
  private void acquire(ReentrantLock lock, Path dir) {
    try {
      if (!lock.tryLock(networkTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new GitUnavailableException(
            "the local clone in "
                + dir
                + " has been busy for "
                + networkTimeout.getSeconds()
                + "s with another operation on the same repository; will try again");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitUnavailableException("interrupted while waiting for the local clone in " + dir);
    }
  }

  /** Readable and unique: the URL's last path segment and a hash of the whole URL. */
  static String directoryName(String url) {
    String withoutSlash = url.replaceAll("/+$", "");
    String last =
        withoutSlash
            .substring(withoutSlash.lastIndexOf('/') + 1)
            .replaceAll("[^A-Za-z0-9._-]", "_");
    SHA1 sha1 = SHA1.newInstance();
    sha1.update(url.getBytes(StandardCharsets.UTF_8));
    return last.toLowerCase(Locale.ROOT) + "-" + sha1.toObjectId().name().substring(0, 12);
  }
}
