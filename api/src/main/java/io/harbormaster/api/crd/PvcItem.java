package io.harbormaster.api.crd;

/** A PVC an operation protects, and why. */
public record PvcItem(String namespace, String name, String reason) {}
