package io.harbormaster.core.port;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.OperationId;
import java.util.Map;
import org.immutables.value.Value;

/**
 * Set new values at paths in the app's version file, committed for one operation. {@code component}
 * names what moves in the commit subject: {@code chore(<app>): upgrade <component> from <old> to
 * <new>}.
 */
@Value.Immutable
public abstract class VersionEdit {
  public abstract GitLocation location();

  /** The app's name, the commit subject's scope. */
  public abstract String app();

  public abstract OperationId operation();

  public abstract String component();

  /** New value by path. */
  public abstract Map<String, String> values();

  /**
   * The value each path held when the operation was planned, by path (none for a preview): the
   * commit refuses a path that holds another by then, rather than write over a push that was not
   * the operation's.
   */
  public abstract Map<String, String> expected();

  public static ImmutableVersionEdit.Builder builder() {
    return ImmutableVersionEdit.builder();
  }
}
