package io.harbormaster.registry.catalog;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.registry.http.BasicCredentials;
import java.net.URI;
import java.util.Optional;

/**
 * A HelmRepository as the lookup needs it: where its charts are, how to reach them, and the
 * credentials of its {@code spec.secretRef} when they may be used.
 */
record ChartRepository(
    ObjectRef ref,
    URI url,
    boolean oci,
    boolean insecure,
    Optional<BasicCredentials> credentials) {}
