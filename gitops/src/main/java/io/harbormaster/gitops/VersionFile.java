package io.harbormaster.gitops;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.port.GitOpsException;
import io.harbormaster.core.port.ValueChange;
import io.harbormaster.gitops.message.CommitMessage;
import io.harbormaster.gitops.repo.LocalClone;
import io.harbormaster.gitops.yaml.ScalarSelector;
import io.harbormaster.gitops.yaml.YamlFile;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;

/** The app's version file at a commit, and how each path of an edit is found in it. */
final class VersionFile {
  private VersionFile() {}

  static YamlFile at(LocalClone clone, RevCommit commit, GitLocation location) {
    byte[] content =
        clone
            .read(commit, location.filePath())
            .orElseThrow(
                () ->
                    new GitOpsException(
                        location.filePath()
                            + " does not exist on branch '"
                            + location.branch()
                            + "' at "
                            + commit.name()
                            + "; check spec.git.filePath"));
    return YamlFile.parse(location.filePath(), content);
  }

  /** With an image policy, the version is written where its setter markers say, not at the path. */
  static ScalarSelector selector(GitLocation location, String path) {
    return location.imagePolicy().isPresent() && path.equals(location.versionPath())
        ? ScalarSelector.imagePolicy(location.imagePolicy().get())
        : ScalarSelector.path(path);
  }

  /** What a Harbormaster commit changed, read from the file before and after it. */
  static List<ValueChange> changes(LocalClone clone, RevCommit commit, GitLocation location) {
    YamlFile before = at(clone, clone.parse(commit.getParent(0)), location);
    YamlFile after = at(clone, commit, location);
    return CommitMessage.paths(commit).stream()
        .map(
            path ->
                ValueChange.of(
                    path,
                    before.read(selector(location, path)),
                    after.read(selector(location, path))))
        .toList();
  }
}
