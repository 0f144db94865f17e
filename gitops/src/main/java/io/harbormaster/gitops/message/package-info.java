/**
 * Harbormaster's commit messages: Conventional Commits subjects and the trailers that find an
 * operation's commit again after a crash.
 */
package io.harbormaster.gitops.message;
