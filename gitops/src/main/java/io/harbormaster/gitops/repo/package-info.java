/**
 * The local clones: one bare repository per remote under the work directory, reused across
 * operations. Files are read and commits built in memory, without a working tree, so a repository
 * of thousands of files costs only the objects an edit touches.
 */
package io.harbormaster.gitops.repo;
