/**
 * Git credentials from the Secret a ManagedApp names; secret texts never leave this package's
 * values.
 */
package io.harbormaster.embedded.credentials;
