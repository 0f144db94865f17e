/**
 * Pure rules of storage sizing: when a PVC grows and to what size ({@link
 * io.harbormaster.core.sizing.SizingPlanner}), inside a maintenance window ({@link
 * io.harbormaster.core.sizing.CronSchedule}) and a rolling daily budget ({@link
 * io.harbormaster.core.sizing.ActionLedger}), and what state a PVC is in ({@link
 * io.harbormaster.core.sizing.VolumeClassifier}). Sizes are bytes; usage is always measured against
 * the PVC's {@code status.capacity}, never the filesystem's size, which only tells whether the
 * filesystem has grown since the last resize.
 */
@HarbormasterStyle
package io.harbormaster.core.sizing;

import io.harbormaster.core.HarbormasterStyle;
