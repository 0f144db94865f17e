package io.harbormaster.gitops;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.OperationKind;
import io.harbormaster.core.port.GitOpsException;
import io.harbormaster.core.port.RevertRequest;
import io.harbormaster.core.port.ValueChange;
import io.harbormaster.gitops.message.CommitMessage;
import io.harbormaster.gitops.repo.LocalClone;
import io.harbormaster.gitops.yaml.ScalarSelector;
import io.harbormaster.gitops.yaml.YamlFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Builds the commit that undoes an upgrade commit on a tip. A plain revert (a three-way merge in
 * memory) is tried first; when the file moved on so that it conflicts, the values the upgrade
 * changed are set back at their paths instead. A value someone else has changed since is a
 * conflict, never overwritten, and a Harbormaster rollback commit is never reverted.
 */
final class RevertCommits {
  private final RevertRequest request;

  RevertCommits(RevertRequest request) {
    if (!ObjectId.isId(request.commitId())) {
      throw new GitOpsException(
          "'"
              + request.commitId()
              + "' is not a full 40-hex commit id; give the id of the "
              + "upgrade commit to revert");
    }
    this.request = request;
  }

  Attempt build(LocalClone clone, RevCommit tip, PersonIdent author) {
    GitLocation location = request.location();
    RevCommit target = clone.parse(ObjectId.fromString(request.commitId()));
    check(clone, target, tip);
    RevCommit parent = clone.parse(target.getParent(0));
    List<String> paths =
        CommitMessage.paths(target).isEmpty()
            ? List.of(location.versionPath())
            : CommitMessage.paths(target);
    YamlFile before = VersionFile.at(clone, parent, location);
    YamlFile current = VersionFile.at(clone, tip, location);
    String component = CommitMessage.upgradedComponent(target).orElse(paths.get(0));
    String restored = before.read(VersionFile.selector(location, subjectPath(paths)));

    String plainBody = "This reverts commit " + target.name() + ".";
    Optional<ObjectId> plain =
        clone.commitRevert(
            tip,
            target,
            CommitMessage.rollback(
                request.app(), component, restored, plainBody, request.operation(), paths),
            author);
    if (plain.isPresent()) {
      YamlFile reverted = VersionFile.at(clone, clone.parse(plain.get()), location);
      List<ValueChange> changes =
          paths.stream().map(path -> change(path, current, reverted)).toList();
      return new Attempt(plain.get(), changes);
    }
    return restoreValues(clone, tip, target, paths, before, current, component, restored, author);
  }

  private Attempt restoreValues(
      LocalClone clone,
      RevCommit tip,
      RevCommit target,
      List<String> paths,
      YamlFile before,
      YamlFile current,
      String component,
      String restored,
      PersonIdent author) {
    GitLocation location = request.location();
    YamlFile upgraded = VersionFile.at(clone, target, location);
    YamlFile edited = current;
    List<ValueChange> changes = new ArrayList<>();
    for (String path : paths) {
      ScalarSelector selector = VersionFile.selector(location, path);
      String now = current.read(selector);
      String set = upgraded.read(selector);
      String old = before.read(selector);
      if (!now.equals(set) && !now.equals(old)) {
        throw new GitOpsException(
            location.filePath()
                + ": path '"
                + path
                + "' is now '"
                + now
                + "', changed since "
                + "commit "
                + target.name()
                + " set it to '"
                + set
                + "'; rolling back to '"
                + old
                + "' would undo that "
                + "later change: resolve it by hand");
      }
      edited = edited.write(selector, old);
      changes.add(ValueChange.of(path, now, old));
    }
    String body =
        location.filePath()
            + " moved on since "
            + target.name()
            + ", so a plain revert would conflict;"
            + "\nthe previous values were restored at their paths instead.";
    String message =
        CommitMessage.rollback(
            request.app(), component, restored, body, request.operation(), paths);
    return new Attempt(
        clone.commitFile(tip, location.filePath(), edited.bytes(), message, author), changes);
  }

  private void check(LocalClone clone, RevCommit target, RevCommit tip) {
    String where = "commit " + target.name();
    if (!clone.isAncestor(target, tip)) {
      throw new GitOpsException(
          where
              + " is not on branch '"
              + request.location().branch()
              + "'; only commits of "
              + "the app's branch can be reverted");
    }
    if (CommitMessage.kind(target).filter(OperationKind.ROLLBACK::equals).isPresent()) {
      throw new GitOpsException(
          where
              + " is itself a Harbormaster rollback; reverting it would re-apply the "
              + "upgrade behind the user's back: start a new upgrade instead");
    }
    if (target.getParentCount() != 1) {
      throw new GitOpsException(
          where
              + " has "
              + target.getParentCount()
              + " parents; only a commit with one "
              + "parent can be reverted");
    }
  }

  private String subjectPath(List<String> paths) {
    return paths.contains(request.location().versionPath())
        ? request.location().versionPath()
        : paths.get(0);
  }

  private ValueChange change(String path, YamlFile from, YamlFile to) {
    ScalarSelector selector = VersionFile.selector(request.location(), path);
    return ValueChange.of(path, from.read(selector), to.read(selector));
  }
}
