package io.harbormaster.sandbox.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A bare repository on disk, with commits written and read directly in it: what other people's
 * pushes leave on a git server. Commits are made without a working tree, so thousands of files stay
 * cheap.
 */
public final class BareRepository implements AutoCloseable {
  /** Who the commits made here are by: not Harbormaster, someone with push access. */
  public static final PersonIdent SOMEONE = new PersonIdent("Someone Else", "someone@example.com");

  private final Repository repository;
  private final BiConsumer<String, String> onCommit;

  private BareRepository(Repository repository, BiConsumer<String, String> onCommit) {
    this.repository = repository;
    this.onCommit = onCommit;
  }

  /** A new empty bare repository in {@code directory}, whose HEAD names {@code main}. */
  public static BareRepository create(Path directory) {
    return create(directory, (branch, commit) -> {});
  }

  /**
   * As {@link #create(Path)}; {@code onCommit} is told the branch and commit of every {@link
   * #commit} made through this object.
   */
  static BareRepository create(Path directory, BiConsumer<String, String> onCommit) {
    try {
      Repository repository = build(directory);
      repository.create(true);
      repository.updateRef(Constants.HEAD).link(Constants.R_HEADS + "main");
      return new BareRepository(repository, onCommit);
    } catch (IOException | IllegalStateException e) {
      throw new IllegalArgumentException(
          "cannot create a bare repository in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The bare repository in {@code directory}. */
  public static BareRepository open(Path directory) throws IOException {
    return new BareRepository(build(directory), (branch, commit) -> {});
  }

  /** The JGit repository, for serving it; closing this object closes it. */
  public Repository repository() {
    return repository;
  }

  /**
   * Commits {@code files} (path to UTF-8 content, added or replaced; the other files stay) on
   * {@code branch} as {@link #SOMEONE}, creating the branch if needed.
   *
   * @return the new commit
   * @throws IllegalStateException when the branch moved while the commit was built
   */
  public ObjectId commit(String branch, Map<String, String> files, String message) {
    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(repository)) {
      Ref ref = repository.exactRef(Constants.R_HEADS + branch);
      DirCache index = DirCache.newInCore();
      if (ref != null) {
        DirCacheBuilder builder = index.builder();
        builder.addTree(
            new byte[0],
            DirCacheEntry.STAGE_0,
            reader,
            walk.parseCommit(ref.getObjectId()).getTree());
        builder.finish();
      }
      DirCacheEditor editor = index.editor();
      for (Map.Entry<String, String> file : files.entrySet()) {
        ObjectId blob =
            inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8));
        editor.add(
            new DirCacheEditor.PathEdit(file.getKey()) {
              @Override
              public void apply(DirCacheEntry entry) {
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(blob);
              }
            });
      }
      editor.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      if (ref != null) {
        commit.setParentId(ref.getObjectId());
      }
      commit.setAuthor(SOMEONE);
      commit.setCommitter(SOMEONE);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      moveBranch(branch, ref == null ? ObjectId.zeroId() : ref.getObjectId(), id);
      onCommit.accept(branch, id.name());
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot commit to branch '" + branch + "' of " + repository.getDirectory(), e);
    }
  }

  /**
   * The file at {@code path} on the tip of {@code branch}, as UTF-8.
   *
   * @throws IllegalArgumentException when the branch or the file does not exist
   */
  public String read(String branch, String path) {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit tip = walk.parseCommit(tip(branch));
      try (TreeWalk tree = TreeWalk.forPath(repository, path, tip.getTree())) {
        if (tree == null) {
          throw new IllegalArgumentException(
              "no file '" + path + "' on branch '" + branch + "' of " + repository.getDirectory());
        }
        return new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read '" + path + "' on branch '" + branch + "'", e);
    }
  }

  /**
   * The commit at the tip of {@code branch}.
   *
   * @throws IllegalArgumentException when the branch does not exist
   */
  public ObjectId tip(String branch) {
    try {
      Ref ref = repository.exactRef(Constants.R_HEADS + branch);
      if (ref == null) {
        throw new IllegalArgumentException(
            "no branch '" + branch + "' in " + repository.getDirectory());
      }
      return ref.getObjectId();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read branch '" + branch + "'", e);
    }
  }

  /**
   * The files under {@code directory} (relative to the root; empty for all) in {@code commit}, by
   * their path below it, as UTF-8: what a CI job checking the commit out finds there.
   */
  public Map<String, String> files(String commit, String directory) {
    String prefix = directory.isEmpty() || directory.endsWith("/") ? directory : directory + "/";
    Map<String, String> files = new TreeMap<>();
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      tree.addTree(walk.parseCommit(ObjectId.fromString(commit)).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        String path = tree.getPathString();
        if (path.startsWith(prefix)) {
          files.put(
              path.substring(prefix.length()),
              new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read commit " + commit, e);
    }
  }

  /** The commits of {@code branch}, newest first, with their messages parsed. */
  public List<RevCommit> log(String branch) {
    try (RevWalk walk = new RevWalk(repository)) {
      walk.markStart(walk.parseCommit(tip(branch)));
      List<RevCommit> commits = new ArrayList<>();
      for (RevCommit commit : walk) {
        walk.parseBody(commit);
        commits.add(commit);
      }
      return commits;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk branch '" + branch + "'", e);
    }
  }

  @Override
  public void close() {
    repository.close();
  }

  private void moveBranch(String branch, ObjectId expected, ObjectId id) throws IOException {
    RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
    update.setExpectedOldObjectId(expected);
    update.setNewObjectId(id);
    RefUpdate.Result result = update.update();
    if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
      throw new IllegalStateException(
          "cannot move branch '" + branch + "' to " + id.name() + ": " + result);
    }
  }

  private static Repository build(Path directory) throws IOException {
    return new FileRepositoryBuilder().setGitDir(directory.toFile()).setBare().build();
  }
}
