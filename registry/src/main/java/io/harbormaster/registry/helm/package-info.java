/**
 * Helm HTTP repositories: {@link io.harbormaster.registry.helm.HelmIndexClient} reads a
 * repository's {@code index.yaml} (at most 50 MiB, parsed as a stream) and says whether a chart
 * version is listed, naming the newest versions present when it is not.
 */
package io.harbormaster.registry.helm;
