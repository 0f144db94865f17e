/** CustomResourceDefinitions the sandbox installs for the APIs it plays (Flux, VolumeSnapshots). */
package io.harbormaster.sandbox.crd;
