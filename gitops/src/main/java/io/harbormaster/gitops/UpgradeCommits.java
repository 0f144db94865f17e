package io.harbormaster.gitops;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.port.GitOpsException;
import io.harbormaster.core.port.ValueChange;
import io.harbormaster.core.port.VersionEdit;
import io.harbormaster.gitops.message.CommitMessage;
import io.harbormaster.gitops.repo.LocalClone;
import io.harbormaster.gitops.yaml.YamlFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Builds one edit's commit on a tip, again on each retry. The values first read are remembered: if
 * a later tip holds a third value at a path, someone else changed it meanwhile, which is a
 * conflict.
 */
final class UpgradeCommits {
  private final VersionEdit edit;
  private final Map<String, String> firstSeen = new HashMap<>();

  UpgradeCommits(VersionEdit edit) {
    if (edit.values().isEmpty()) {
      throw new GitOpsException(
          edit.location().filePath()
              + ": the edit for "
              + edit.operation()
              + " sets no value; give at least the version path");
    }
    this.edit = edit;
  }

  /** The changes the edit would make to the file, without committing. */
  List<ValueChange> preview(YamlFile file) {
    List<ValueChange> changes = new ArrayList<>();
    apply(file, changes);
    return changes;
  }

  Attempt build(LocalClone clone, RevCommit tip, PersonIdent author) {
    GitLocation location = edit.location();
    List<ValueChange> changes = new ArrayList<>();
    YamlFile edited = apply(VersionFile.at(clone, tip, location), changes);
    ValueChange subject =
        changes.stream()
            .filter(c -> c.path().equals(location.versionPath()))
            .findFirst()
            .orElse(changes.get(0));
    String message =
        CommitMessage.upgrade(
            edit.app(),
            edit.component(),
            subject.from(),
            subject.to(),
            edit.operation(),
            List.copyOf(edit.values().keySet()));
    return new Attempt(
        clone.commitFile(tip, location.filePath(), edited.bytes(), message, author), changes);
  }

  private YamlFile apply(YamlFile file, List<ValueChange> changes) {
    YamlFile edited = file;
    for (Entry<String, String> value : edit.values().entrySet()) {
      String path = value.getKey();
      String from = file.read(VersionFile.selector(edit.location(), path));
      String planned = edit.expected().get(path);
      if (planned != null && !from.equals(planned) && !from.equals(value.getValue())) {
        throw new GitOpsException(
            edit.location().filePath()
                + ": path '"
                + path
                + "' holds '"
                + from
                + "' on branch '"
                + edit.location().branch()
                + "', not '"
                + planned
                + "' as when "
                + edit.operation()
                + " was planned: a push that is not Harbormaster's changed it since (an image"
                + " automation run, a person); nothing was committed");
      }
      String seen = firstSeen.putIfAbsent(path, from);
      if (seen != null && !from.equals(seen) && !from.equals(value.getValue())) {
        throw new GitOpsException(
            edit.location().filePath()
                + ": path '"
                + path
                + "' changed on branch '"
                + edit.location().branch()
                + "' from '"
                + seen
                + "' to '"
                + from
                + "' while "
                + edit.operation()
                + " was setting it to '"
                + value.getValue()
                + "'; decide which version wins and start again");
      }
      edited = edited.write(VersionFile.selector(edit.location(), path), value.getValue());
      changes.add(ValueChange.of(path, from, value.getValue()));
    }
    return edited;
  }
}
