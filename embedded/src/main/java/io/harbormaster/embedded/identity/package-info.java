/** The client an app's operation acts with: the operator's own, or the app's ServiceAccount's. */
package io.harbormaster.embedded.identity;
