/**
 * Flux image automation beside Harbormaster: which ImageUpdateAutomations write an app's file. An
 * automation pushes to the repository of its GitRepository, on the branch it pushes to, and
 * rewrites the marked lines of the files under its update path with the policies of its own
 * namespace; {@link io.harbormaster.core.automation.ImageAutomation#writes} decides whether that
 * reaches the app's file. Adapters read the automations and their GitRepositories ({@link
 * io.harbormaster.core.port.ImageAutomations}); these classes decide what they mean.
 */
@HarbormasterStyle
package io.harbormaster.core.automation;

import io.harbormaster.core.HarbormasterStyle;
