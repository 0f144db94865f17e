/**
 * The PVCs a storage policy selects, read as core's {@link io.harbormaster.core.sizing.VolumeFacts}
 * (with their pods, StorageClasses and usage), and their growth.
 */
package io.harbormaster.sizing.pvc;
