package io.harbormaster.gitops.repo;

import io.harbormaster.core.port.GitOpsException;
import io.harbormaster.gitops.auth.TransportAuth;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One operation's use of a bare clone: fetch the branch, read a file at a commit, build commits in
 * memory and push them fast-forward only. Every failure is a {@link GitOpsException} whose message
 * names the repository and holds no secret.
 */
public final class LocalClone implements AutoCloseable {
  private static final Pattern BRANCH_MOVED_ON_SERVER =
      Pattern.compile(
          "lock|non-fast[- ]forward|fetch first|invalid old id", Pattern.CASE_INSENSITIVE);

  /**
   * How JGit's HTTP transport words a 401 or 403: the credentials, not the network, are the
   * problem.
   */
  private static final Pattern HTTP_REFUSAL =
      Pattern.compile(
          "not authorized|authentication is required|forbidden|\\b40[13]\\b",
          Pattern.CASE_INSENSITIVE);

  private final Repository repository;
  private final String url;
  private final TransportAuth auth;
  private final int timeoutSeconds;
  private final Runnable release;

  LocalClone(
      Repository repository,
      String url,
      TransportAuth auth,
      Duration networkTimeout,
      Runnable release) {
    this.repository = repository;
    this.url = url;
    this.auth = auth;
    this.timeoutSeconds = Math.toIntExact(networkTimeout.getSeconds());
    this.release = release;
  }

  /** Fetches the branch and returns its tip on the remote. */
  public RevCommit fetch(String branch) {
    String remoteRef = Constants.R_HEADS + branch;
    try (Git git = Git.wrap(repository)) {
      FetchResult result =
          git.fetch()
              .setRemote(url)
              .setRefSpecs(
                  new RefSpec("+" + remoteRef + ":" + Constants.R_REMOTES + "origin/" + branch))
              .setTransportConfigCallback(auth)
              .setTimeout(timeoutSeconds)
              .call();
      if (result.getAdvertisedRef(remoteRef) == null) {
        throw new GitOpsException(
            where() + ": there is no branch '" + branch + "'; check spec.git.branch");
      }
      return parse(result.getAdvertisedRef(remoteRef).getObjectId());
    } catch (GitAPIException | RuntimeException e) {
      throw failure("cannot fetch branch '" + branch + "'", e);
    }
  }

  public RevCommit parse(ObjectId id) {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(id);
      walk.parseBody(commit);
      return commit;
    } catch (MissingObjectException e) {
      throw new GitOpsException(
          where() + ": commit " + id.name() + " is not on the fetched branch");
    } catch (IOException e) {
      throw failure("cannot read commit " + id.name(), e);
    }
  }

  /** The file's content at the commit, empty when there is no such file. */
  public Optional<byte[]> read(RevCommit commit, String path) {
    try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
      if (walk == null) {
        return Optional.empty();
      }
      if ((walk.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
        throw new GitOpsException(where() + ": " + path + " is not a file at " + commit.name());
      }
      return Optional.of(repository.open(walk.getObjectId(0), Constants.OBJ_BLOB).getBytes());
    } catch (IOException e) {
      throw failure("cannot read " + path + " at " + commit.name(), e);
    }
  }

  /** A new commit on {@code parent} with the file's content replaced, its mode kept. */
  public ObjectId commitFile(
      RevCommit parent, String path, byte[] content, String message, PersonIdent author) {
    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = repository.newObjectReader()) {
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content);
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parent.getTree());
      builder.finish();
      DirCacheEditor editor = index.editor();
      editor.add(
          new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
              entry.setObjectId(blob);
            }
          });
      editor.finish();
      return insertCommit(inserter, parent, index.writeTree(inserter), message, author);
    } catch (IOException e) {
      throw failure("cannot build a commit changing " + path, e);
    }
  }

  /**
   * A commit on {@code tip} that undoes {@code target} as {@code git revert} would, merged in
   * memory; empty when the revert conflicts with what changed since.
   */
  public Optional<ObjectId> commitRevert(
      RevCommit tip, RevCommit target, String message, PersonIdent author) {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      ResolveMerger merger =
          (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, repository.getConfig());
      merger.setBase(target.getTree());
      if (!merger.merge(tip, target.getParent(0))) {
        return Optional.empty();
      }
      return Optional.of(insertCommit(inserter, tip, merger.getResultTreeId(), message, author));
    } catch (IOException e) {
      throw failure("cannot revert " + target.name(), e);
    }
  }

  /** The newest commit, within {@code depth} commits of {@code tip}, that the predicate accepts. */
  public Optional<RevCommit> findRecent(RevCommit tip, int depth, Predicate<RevCommit> wanted) {
    try (RevWalk walk = new RevWalk(repository)) {
      walk.markStart(walk.parseCommit(tip));
      int seen = 0;
      for (RevCommit commit : walk) {
        if (seen++ >= depth) {
          break;
        }
        if (wanted.test(commit)) {
          return Optional.of(commit);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw failure("cannot walk the history of " + tip.name(), e);
    }
  }

  /**
   * Whether {@code commit} is {@code ancestor} or descends from it; false when either is unknown
   * here.
   */
  public boolean contains(String commit, String ancestor) {
    try (RevWalk walk = new RevWalk(repository)) {
      ObjectId tip = repository.resolve(commit);
      ObjectId base = repository.resolve(ancestor);
      if (tip == null
          || base == null
          || !repository.getObjectDatabase().has(tip)
          || !repository.getObjectDatabase().has(base)) {
        return false;
      }
      return walk.isMergedInto(walk.parseCommit(base), walk.parseCommit(tip));
    } catch (IOException e) {
      throw failure("cannot tell whether " + commit + " includes " + ancestor, e);
    }
  }

  public boolean isAncestor(RevCommit commit, RevCommit tip) {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(tip));
    } catch (IOException e) {
      throw failure("cannot compare " + commit.name() + " with " + tip.name(), e);
    }
  }

  /**
   * Pushes the commit to the branch without force: a moved branch is reported, never overwritten.
   */
  public PushOutcome push(ObjectId commit, String branch) {
    try (Git git = Git.wrap(repository)) {
      Iterable<PushResult> results =
          git.push()
              .setRemote(url)
              .setRefSpecs(new RefSpec(commit.name() + ":" + Constants.R_HEADS + branch))
              .setForce(false)
              .setTransportConfigCallback(auth)
              .setTimeout(timeoutSeconds)
              .call();
      for (PushResult result : results) {
        for (RemoteRefUpdate update : result.getRemoteUpdates()) {
          PushOutcome outcome = outcome(update, branch);
          if (outcome != PushOutcome.PUSHED) {
            return outcome;
          }
        }
      }
      return PushOutcome.PUSHED;
    } catch (GitAPIException | RuntimeException e) {
      throw failure("cannot push to branch '" + branch + "'", e);
    }
  }

  @Override
  public void close() {
    try {
      repository.close();
    } finally {
      release.run();
    }
  }

  private PushOutcome outcome(RemoteRefUpdate update, String branch) {
    switch (update.getStatus()) {
      case OK:
      case UP_TO_DATE:
        return PushOutcome.PUSHED;
      case REJECTED_NONFASTFORWARD:
      case REJECTED_REMOTE_CHANGED:
        return PushOutcome.BRANCH_MOVED;
      case REJECTED_OTHER_REASON:
        // the branch moving between the server's advertisement and its ref update is reported here
        String message = String.valueOf(update.getMessage());
        if (BRANCH_MOVED_ON_SERVER.matcher(message).find()) {
          return PushOutcome.BRANCH_MOVED;
        }
        throw new GitOpsException(
            where()
                + ": the server refused the push to branch '"
                + branch
                + "': "
                + auth.redactor().redact(message));
      default:
        throw new GitOpsException(
            where()
                + ": the push to branch '"
                + branch
                + "' ended as "
                + update.getStatus()
                + (update.getMessage() == null
                    ? ""
                    : ": " + auth.redactor().redact(update.getMessage())));
    }
  }

  private ObjectId insertCommit(
      ObjectInserter inserter, ObjectId parent, ObjectId tree, String message, PersonIdent author)
      throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setParentId(parent);
    commit.setTreeId(tree);
    commit.setAuthor(author);
    commit.setCommitter(author);
    commit.setMessage(message);
    ObjectId id = inserter.insert(commit);
    inserter.flush();
    return id;
  }

  /** The repository as it may be shown: no user-info, no secret. */
  private String where() {
    return auth.redactor().redact(url);
  }

  /**
   * A refusal (credentials, host key, a missing repository) is a {@link GitOpsException}: retrying
   * will not help. Anything else (the server does not answer, a file is busy) is a {@link
   * GitUnavailableException}, which the engine retries until the phase's deadline. No cause is
   * chained: a transport exception's own message may hold what the redactor removed.
   */
  private RuntimeException failure(String what, Exception e) {
    if (e instanceof GitOpsException) {
      return new GitOpsException(auth.redactor().redact(e.getMessage()));
    }
    Optional<String> refusal = auth.refusal(url, e);
    if (refusal.isPresent()) {
      return new GitOpsException(
          where() + ": " + what + ": " + auth.redactor().redact(refusal.get()));
    }
    StringBuilder causes = new StringBuilder();
    boolean refused = false;
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      causes
          .append(causes.length() == 0 ? "" : ": ")
          .append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
      refused |=
          t instanceof NoRemoteRepositoryException
              || (t.getMessage() != null && HTTP_REFUSAL.matcher(t.getMessage()).find());
    }
    String message = where() + ": " + what + ": " + auth.redactor().redact(causes.toString());
    return refused ? new GitOpsException(message) : new GitUnavailableException(message);
  }
}
