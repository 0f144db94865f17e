/**
 * Byte-preserving YAML edits: find one scalar by a dotted path or a Flux setter marker, using the
 * parser's node marks for its exact character span, and splice a new value into the original text.
 * Everything outside that span (comments, order, quoting, other documents, line endings) is
 * untouched.
 */
package io.harbormaster.gitops.yaml;
