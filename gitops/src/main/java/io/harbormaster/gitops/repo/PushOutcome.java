package io.harbormaster.gitops.repo;

/** How a push ended when it did not fail outright. */
public enum PushOutcome {
  PUSHED,
  /** The branch moved on the remote since the fetch: fetch, rebuild the commit, try again. */
  BRANCH_MOVED
}
