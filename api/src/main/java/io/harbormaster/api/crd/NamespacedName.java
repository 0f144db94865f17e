package io.harbormaster.api.crd;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A reference to a namespaced object. */
public record NamespacedName(
    @Required @Pattern(Names.NAMESPACE) String namespace,
    @Required @Pattern(Names.OBJECT_NAME) String name) {}
