/**
 * Pure rules over the snapshots Harbormaster took: which ones retention deletes and which ones lost
 * their operation. An upgrade snapshots several PVCs; those snapshots are one restore point, so
 * every rule keeps or drops an operation's snapshots as a whole.
 */
@HarbormasterStyle
package io.harbormaster.core.snapshot;

import io.harbormaster.core.HarbormasterStyle;
