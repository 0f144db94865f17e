package io.harbormaster.core.port;

import java.util.List;
import org.immutables.value.Value;

/** A commit on the app's branch, pushed, with the values it changed. */
@Value.Immutable
public abstract class GitCommit {
  /** The full 40-hex commit id, which Flux reports as {@code <branch>@sha1:<id>}. */
  public abstract String id();

  public abstract List<ValueChange> changes();

  public static ImmutableGitCommit.Builder builder() {
    return ImmutableGitCommit.builder();
  }
}
