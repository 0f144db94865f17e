package io.harbormaster.gitops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.eclipse.jgit.treewalk.TreeWalk;

/** Writes and reads commits directly in a server's bare repository: what other people push. */
final class Commits {
  private static final PersonIdent SOMEONE = new PersonIdent("Someone Else", "someone@example.com");

  private Commits() {}

  /** Commits the files (path to content) on the branch, creating it if needed. */
  static ObjectId commit(Repository repository, String branch, Map<String, String> files, String message)
      throws IOException {
    Ref ref = repository.exactRef(Constants.R_HEADS + branch);
    try (ObjectInserter inserter = repository.newObjectInserter(); ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(repository)) {
      DirCache index = DirCache.newInCore();
      if (ref != null) {
        DirCacheBuilder builder = index.builder();
        builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, walk.parseCommit(ref.getObjectId()).getTree());
        builder.finish();
      }
      DirCacheEditor editor = index.editor();
      for (Map.Entry<String, String> file : files.entrySet()) {
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8));
        editor.add(new DirCacheEditor.PathEdit(file.getKey()) {
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
      RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
      update.setExpectedOldObjectId(ref == null ? ObjectId.zeroId() : ref.getObjectId());
      update.setNewObjectId(id);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
        throw new IOException("cannot move " + branch + ": " + result);
      }
      return id;
    }
  }

  static String read(Repository repository, String branch, String path) throws IOException {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit tip = walk.parseCommit(repository.resolve(Constants.R_HEADS + branch));
      try (TreeWalk tree = TreeWalk.forPath(repository, path, tip.getTree())) {
        return new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  static ObjectId tip(Repository repository, String branch) throws IOException {
    return repository.resolve(Constants.R_HEADS + branch);
  }

  /** The branch's commits, newest first. */
  static List<RevCommit> log(Repository repository, String branch) throws IOException {
    try (RevWalk walk = new RevWalk(repository)) {
      walk.markStart(walk.parseCommit(tip(repository, branch)));
      List<RevCommit> commits = new ArrayList<>();
      for (RevCommit commit : walk) {
        walk.parseBody(commit);
        commits.add(commit);
      }
      return commits;
    }
  }
}
