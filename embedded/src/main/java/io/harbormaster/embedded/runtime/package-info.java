/**
 * What running the engine needs besides the reconcilers: Prometheus metrics of phases and
 * operations, and the check that the cluster serves Flux's and the VolumeSnapshot APIs.
 */
package io.harbormaster.embedded.runtime;
