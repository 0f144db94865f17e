/**
 * Waiting for a resource to reach a state, woken by a watch opened before the first read, so that
 * no change falls between reading and watching (fabric8's list-then-watch waits can lose one on the
 * mock API server). Used by the sandbox's own parts, the tests and the demo.
 */
package io.harbormaster.sandbox.await;
