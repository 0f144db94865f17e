package io.harbormaster.api.crd;

/** A Deployment or StatefulSet an operation stops, and why. */
public record WorkloadItem(String kind, String namespace, String name, String reason) {}
