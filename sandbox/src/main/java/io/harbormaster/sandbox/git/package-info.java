/**
 * A real git server on loopback for tests and the demo: {@link
 * io.harbormaster.sandbox.git.GitServer} serves bare repositories under one folder over JGit's
 * smart HTTP (pushes allowed, optionally behind HTTP Basic authentication with a token), and {@link
 * io.harbormaster.sandbox.git.BareRepository} writes and reads commits directly in one of them, the
 * way other people's pushes would land. Any git client, the {@code git} CLI included, can clone
 * from it and push to it.
 */
package io.harbormaster.sandbox.git;
