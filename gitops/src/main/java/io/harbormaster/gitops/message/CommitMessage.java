package io.harbormaster.gitops.message;

import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.OperationKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Writes and reads Harbormaster's commit messages:
 *
 * <pre>
 * chore(&lt;app&gt;): upgrade &lt;component&gt; from &lt;old&gt; to &lt;new&gt;
 *
 * Harbormaster-Operation: &lt;namespace&gt;/&lt;name&gt;
 * Harbormaster-Operation-Kind: upgrade
 * Harbormaster-Path: spec.chart.spec.version
 * </pre>
 *
 * The paths let a found commit report its changes again, read from the file before and after it.
 */
public final class CommitMessage {
  public static final String OPERATION = "Harbormaster-Operation";
  public static final String KIND = "Harbormaster-Operation-Kind";
  public static final String PATH = "Harbormaster-Path";

  private static final Pattern UPGRADE_SUBJECT =
      Pattern.compile("chore\\((.*)\\): upgrade (.+) from (.*) to (.*)");

  private CommitMessage() {}

  public static String upgrade(
      String app,
      String component,
      String from,
      String to,
      OperationId operation,
      List<String> paths) {
    return "chore("
        + oneLine(app)
        + "): upgrade "
        + oneLine(component)
        + " from "
        + oneLine(from)
        + " to "
        + oneLine(to)
        + "\n\n"
        + trailers(operation, paths);
  }

  /** {@code body} explains how the rollback was made, e.g. {@code This reverts commit <id>.} */
  public static String rollback(
      String app,
      String component,
      String to,
      String body,
      OperationId operation,
      List<String> paths) {
    return "chore("
        + oneLine(app)
        + "): roll back "
        + oneLine(component)
        + " to "
        + oneLine(to)
        + "\n\n"
        + body
        + "\n\n"
        + trailers(operation, paths);
  }

  public static boolean madeBy(RevCommit commit, OperationId operation) {
    return commit.getFooterLines(OPERATION).contains(operation.request().toString())
        && kind(commit).filter(operation.kind()::equals).isPresent();
  }

  public static Optional<OperationKind> kind(RevCommit commit) {
    return commit.getFooterLines(KIND).stream()
        .flatMap(
            label ->
                Arrays.stream(OperationKind.values()).filter(k -> k.label().equals(label.trim())))
        .findFirst();
  }

  public static List<String> paths(RevCommit commit) {
    return commit.getFooterLines(PATH).stream().map(String::trim).toList();
  }

  /** The component of a Harbormaster upgrade subject. */
  public static Optional<String> upgradedComponent(RevCommit commit) {
    Matcher matcher = UPGRADE_SUBJECT.matcher(commit.getShortMessage());
    return matcher.matches() ? Optional.of(matcher.group(2)) : Optional.empty();
  }

  private static String trailers(OperationId operation, List<String> paths) {
    StringBuilder trailers =
        new StringBuilder()
            .append(OPERATION)
            .append(": ")
            .append(operation.request())
            .append('\n')
            .append(KIND)
            .append(": ")
            .append(operation.kind().label())
            .append('\n');
    paths.forEach(path -> trailers.append(PATH).append(": ").append(oneLine(path)).append('\n'));
    return trailers.toString();
  }

  /** A value with a line break would end the subject early or forge a trailer. */
  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n]+", " ");
  }
}
