package io.harbormaster.sandbox.imageautomation;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;

/**
 * One automation run's clone, in memory and thrown away afterwards, as the controller clones into a
 * temporary directory each run: every branch of the remote fetched, a commit built on a base
 * without a working tree, and a push. JGit carries the bytes; which files change and how is the
 * caller's. Failures read as the controller's git client words them, with no credential of the URL.
 */
final class GitCheckout implements AutoCloseable {
  private static final int TIMEOUT_SECONDS = 60;

  private final String url;
  private final Repository repository;

  private GitCheckout(String url, Repository repository) {
    this.url = url;
    this.repository = repository;
  }

  /** Clones {@code url}; a failure is worded as the controller's clone. */
  static GitCheckout clone(String url) {
    Repository repository;
    try {
      repository =
          new InMemoryRepository.Builder()
              .setRepositoryDescription(new DfsRepositoryDescription("image-automation"))
              .setFS(FS.DETECTED)
              .build();
    } catch (IOException e) {
      throw new GitFailure("cannot make a repository in memory: " + e.getMessage());
    }
    try {
      Git.wrap(repository)
          .fetch()
          .setRemote(url)
          .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"))
          .setTimeout(TIMEOUT_SECONDS)
          .call();
      return new GitCheckout(url, repository);
    } catch (GitAPIException | RuntimeException e) {
      repository.close();
      throw new GitFailure(
          "unable to clone '" + redacted(url) + "': " + scrub(String.valueOf(e.getMessage()), url));
    }
  }

  /** The remote's tip of {@code branch}, when it has the branch. */
  Optional<ObjectId> tip(String branch) {
    try {
      return Optional.ofNullable(repository.resolve("refs/remotes/origin/" + branch));
    } catch (IOException e) {
      throw new GitFailure("cannot read branch '" + branch + "': " + e.getMessage());
    }
  }

  /** The files under {@code directory} ({@code ""} for all) of {@code commit}, by full path. */
  Map<String, String> files(ObjectId commit, String directory) {
    String prefix = directory.isEmpty() ? "" : directory + "/";
    Map<String, String> files = new TreeMap<>();
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      tree.addTree(walk.parseCommit(commit).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        String path = tree.getPathString();
        if (path.startsWith(prefix) && tree.getFileMode(0) != FileMode.GITLINK) {
          files.put(
              path,
              new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
        }
      }
      return files;
    } catch (IOException e) {
      throw new GitFailure("cannot read commit " + commit.name() + ": " + e.getMessage());
    }
  }

  /** A commit on {@code base} with {@code changed} files (full path to new text) replaced. */
  ObjectId commit(ObjectId base, Map<String, String> changed, PersonIdent author, String message) {
    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(repository)) {
      RevCommit parent = walk.parseCommit(base);
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parent.getTree());
      builder.finish();
      DirCacheEditor editor = index.editor();
      for (Map.Entry<String, String> file : changed.entrySet()) {
        ObjectId blob =
            inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8));
        editor.add(
            new DirCacheEditor.PathEdit(file.getKey()) {
              @Override
              public void apply(DirCacheEntry entry) {
                if (entry.getRawMode() == 0) {
                  entry.setFileMode(FileMode.REGULAR_FILE);
                }
                entry.setObjectId(blob);
              }
            });
      }
      editor.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      commit.setParentId(parent);
      commit.setAuthor(author);
      // With no committer of its own, the controller's git library commits as the author.
      commit.setCommitter(author);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    } catch (IOException e) {
      throw new GitFailure("cannot commit: " + e.getMessage());
    }
  }

  /**
   * Pushes {@code commit} to {@code branch} of the remote, forcing only when asked.
   *
   * @throws GitFailure worded as the controller's git library words a refused push
   */
  void push(ObjectId commit, String branch, boolean force) {
    String ref = Constants.R_HEADS + branch;
    try {
      var update = repository.updateRef(ref);
      update.setNewObjectId(commit);
      update.forceUpdate();
      Iterable<PushResult> results =
          Git.wrap(repository)
              .push()
              .setRemote(url)
              .setRefSpecs(new RefSpec(ref + ":" + ref))
              .setForce(force)
              .setTimeout(TIMEOUT_SECONDS)
              .call();
      for (PushResult result : results) {
        RemoteRefUpdate pushed = result.getRemoteUpdate(ref);
        if (pushed == null) {
          continue;
        }
        switch (pushed.getStatus()) {
          case OK, UP_TO_DATE -> {}
          case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED ->
              throw new GitFailure("non-fast-forward update: " + ref);
          default ->
              throw new GitFailure(
                  "command error on "
                      + ref
                      + ": "
                      + Optional.ofNullable(pushed.getMessage())
                          .orElse(pushed.getStatus().name().toLowerCase(java.util.Locale.ROOT)));
        }
      }
    } catch (IOException | GitAPIException | RuntimeException e) {
      if (e instanceof GitFailure failure) {
        throw failure;
      }
      throw new GitFailure(scrub(String.valueOf(e.getMessage()), url));
    }
  }

  static PersonIdent author(String name, String email, Instant when) {
    return new PersonIdent(name, email, Date.from(when), TimeZone.getTimeZone(ZoneOffset.UTC));
  }

  @Override
  public void close() {
    repository.close();
  }

  /** A git operation failed; the message holds no credential of the URL. */
  static final class GitFailure extends RuntimeException {
    GitFailure(String message) {
      super(message);
    }
  }

  /** The URL without user and password. */
  static String redacted(String url) {
    try {
      return new URIish(url).setUser(null).setPass(null).toString();
    } catch (URISyntaxException e) {
      return "<unparseable git URL>";
    }
  }

  private static String scrub(String text, String url) {
    String scrubbed = text.replace(url, redacted(url));
    try {
      URIish uri = new URIish(url);
      for (String secret : new String[] {uri.getPass(), uri.getUser()}) {
        if (secret != null && !secret.isEmpty()) {
          scrubbed = scrubbed.replace(secret, "***");
        }
      }
    } catch (URISyntaxException e) {
      // nothing parsed, nothing more to mask
    }
    return scrubbed;
  }
}
