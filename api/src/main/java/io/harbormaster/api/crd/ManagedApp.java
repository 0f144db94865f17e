package io.harbormaster.api.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A stateful Flux app whose upgrades Harbormaster makes safe and reversible. */
@Group(ManagedApp.GROUP)
@Version(ManagedApp.VERSION)
@ShortNames("mapp")
@AdditionalPrinterColumn(
    name = "READY",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "VERSION", jsonPath = ".status.currentVersion")
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ManagedApp extends CustomResource<ManagedAppSpec, ManagedAppStatus>
    implements Namespaced {
  public static final String GROUP = "harbormaster.io";
  public static final String VERSION = "v1alpha1";
  private static final long serialVersionUID = 1L;

  /** Overridden only to mark the spec required in the CRD's schema. */
  @Override
  @Required
  public ManagedAppSpec getSpec() {
    return super.getSpec();
  }
}
