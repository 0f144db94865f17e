package io.harbormaster.api.mapping;

import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ObjectRef;

/** Object references from resource fields, with errors that name the whole field path. */
final class Refs {
  private Refs() {}

  static ObjectRef of(String field, String namespace, String name) {
    ManagedAppMapper.require(namespace, field + ".namespace");
    ManagedAppMapper.require(name, field + ".name");
    try {
      return ObjectRef.of(namespace, name);
    } catch (InvalidSpecException invalid) {
      throw new InvalidSpecException(
          field + "." + invalid.field(),
          invalid.getMessage().substring(invalid.field().length() + 2));
    }
  }
}
