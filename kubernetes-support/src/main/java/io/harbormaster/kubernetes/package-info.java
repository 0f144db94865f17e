/**
 * Helpers every fabric8 adapter needs in the same way (the Kubernetes adapters may not depend on
 * each other, so what they share lives here). It holds no domain rule and no adapter logic.
 */
package io.harbormaster.kubernetes;
