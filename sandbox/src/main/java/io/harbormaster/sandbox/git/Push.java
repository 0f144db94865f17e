package io.harbormaster.sandbox.git;

/**
 * A branch moved on the git server, as a git host's push webhook tells it: the repository's name
 * (e.g. {@code fleet.git}), the branch and its new commit.
 */
public record Push(String repository, String branch, String commit) {}
