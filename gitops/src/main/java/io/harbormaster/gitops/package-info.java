/**
 * Git adapter for {@link io.harbormaster.core.port.GitOps}: edits the version in a YAML file
 * without touching another byte, commits, pushes and reverts with JGit.
 */
@HarbormasterStyle
package io.harbormaster.gitops;

import io.harbormaster.core.HarbormasterStyle;
