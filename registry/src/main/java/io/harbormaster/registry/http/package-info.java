/**
 * The HTTP every lookup goes through ({@link io.harbormaster.registry.http.RegistryHttp}): bounded
 * in time and size, following redirects itself so that an {@link
 * io.harbormaster.registry.http.Authorization} reaches only the host it was made for, and turning
 * network trouble into a one-line reason; and {@link io.harbormaster.registry.http.Lookup}, what a
 * lookup found.
 */
package io.harbormaster.registry.http;
