/**
 * Registries that speak the OCI Distribution API, for images and for Helm charts stored as OCI
 * artifacts: {@link io.harbormaster.registry.oci.ImageName} says where an image or chart lives,
 * {@link io.harbormaster.registry.oci.OciDistribution} whether a tag is there (a manifest {@code
 * HEAD}, with the registries' token flow).
 */
package io.harbormaster.registry.oci;
