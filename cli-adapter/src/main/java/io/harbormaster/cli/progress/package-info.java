/**
 * Following an UpgradeRequest or RollbackRequest as the operator moves it: a line per phase as it
 * ends, the final table, and an upgrade followed through its auto-rollback. Shared by {@code hm
 * demo}, {@code hm upgrade --wait} and {@code hm status --watch}.
 */
package io.harbormaster.cli.progress;
