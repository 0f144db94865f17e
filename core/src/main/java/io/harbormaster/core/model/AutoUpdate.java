package io.harbormaster.core.model;

/**
 * How far an upgrade without an explicit target may move: the largest semver part allowed to
 * change.
 */
public enum AutoUpdate {
  NONE,
  PATCH,
  MINOR,
  MAJOR
}
