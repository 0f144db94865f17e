package io.harbormaster.gitops;

import io.harbormaster.core.port.ValueChange;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/** A commit built on the fetched tip, not yet pushed, and what it changes. */
record Attempt(ObjectId commit, List<ValueChange> changes) {}
